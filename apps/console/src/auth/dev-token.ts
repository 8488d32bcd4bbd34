import type { Role } from '@jc/domain';

/** Whether the console server mints development tokens (it answers 404 in production). */
export async function devTokensAvailable(): Promise<boolean> {
  try {
    const response = await fetch('/dev-token', { method: 'GET' });
    return response.ok;
  } catch {
    return false;
  }
}

export async function fetchDevToken(role: Role, customerId?: string): Promise<string> {
  const response = await fetch('/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(customerId ? { role, customerId } : { role }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.token;
}
