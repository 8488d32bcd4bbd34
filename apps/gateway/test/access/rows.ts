import type { Role } from '@jc/domain';

export type Outcome = 'ok' | 'FORBIDDEN';
export type Who = Role | 'CUSTOMER_OTHER';

/** One operation of the public API as every role tries it; CUSTOMER_OTHER holds another customer's token. */
export interface AccessRow {
  query: (ids: { own: string; other: string }) => { query: string; variables?: Record<string, unknown> };
  expect: Record<Who, Outcome>;
  /** Error codes an allowed caller may still get because the operation needs state the stack lacks (e.g. a dead letter to replay). */
  allowedErrors?: string[];
}

export type AccessRows = Record<string, AccessRow>;

let counter = 0;
/** A well-formed customer id nobody has used yet. */
export const freshCustomerId = () => `c_${(0xabc000 + (counter += 1)).toString(16).padStart(16, '0')}`;

export const READ_OWN: Record<Who, Outcome> = { CUSTOMER: 'ok', CUSTOMER_OTHER: 'FORBIDDEN', ANALYST: 'ok', ADMIN: 'ok', SERVICE: 'ok' };
export const STAFF_READ: Record<Who, Outcome> = { CUSTOMER: 'FORBIDDEN', CUSTOMER_OTHER: 'FORBIDDEN', ANALYST: 'ok', ADMIN: 'ok', SERVICE: 'ok' };
export const WRITE: Record<Who, Outcome> = { CUSTOMER: 'FORBIDDEN', CUSTOMER_OTHER: 'FORBIDDEN', ANALYST: 'FORBIDDEN', ADMIN: 'ok', SERVICE: 'ok' };
export const ADMIN_ONLY: Record<Who, Outcome> = { CUSTOMER: 'FORBIDDEN', CUSTOMER_OTHER: 'FORBIDDEN', ANALYST: 'FORBIDDEN', ADMIN: 'ok', SERVICE: 'FORBIDDEN' };
