import { isCustomerId, isOneOf, ROLES, type Role } from '@jc/domain';

/** Who is asking: verified at the gateway, carried to every subgraph. */
export interface Principal {
  subject: string;
  role: Role;
  /** Set exactly when role is CUSTOMER: the one customer this principal may see. */
  customerId?: string;
}

export function principalProblems(value: unknown): string | null {
  if (!value || typeof value !== 'object') return 'principal must be an object';
  const p = value as Record<string, unknown>;
  if (typeof p.subject !== 'string' || p.subject.length === 0 || p.subject.length > 200) return 'subject must be a non-empty string';
  if (!isOneOf(ROLES, p.role)) return `role must be one of ${ROLES.join(', ')}`;
  if (p.role === 'CUSTOMER' && !isCustomerId(p.customerId)) return 'a CUSTOMER principal needs a valid customerId';
  if (p.role !== 'CUSTOMER' && p.customerId !== undefined) return 'only a CUSTOMER principal carries a customerId';
  return null;
}

export function toPrincipal(value: unknown): Principal {
  const problem = principalProblems(value);
  if (problem) throw new Error(problem);
  const p = value as Principal;
  return p.role === 'CUSTOMER' ? { subject: p.subject, role: p.role, customerId: p.customerId } : { subject: p.subject, role: p.role };
}
