import type { AllocateIo } from './allocate-command';

/**
 * A stack helps whoever debugs the optimiser, not whoever runs it: it is printed only when DEBUG
 * asks for it (DEBUG=1; also any other value but 0 or false, as other tools read DEBUG).
 */
export function wantsStack(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.DEBUG ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** `allocate: <message>` on one line, whatever was thrown; the stack after it only when asked for. */
export function reportFailure(err: unknown, io: AllocateIo, withStack: boolean): void {
  const message = (err instanceof Error ? err.message || err.name : String(err)).replace(/\s*\n\s*/g, ' ').trim();
  io.err(`allocate: ${message || 'failed'}`);
  if (withStack && err instanceof Error && err.stack) io.err(err.stack);
}
