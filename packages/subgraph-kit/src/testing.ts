import type { Principal } from '@jc/auth';

/** Only for tests, which run gateway and subgraphs in one process. */
export const TEST_INTERNAL_SECRET = 'test-only-internal-secret-0123456789abcdef';

export const testPrincipals = {
  admin: { subject: 'test-admin', role: 'ADMIN' } as Principal,
  analyst: { subject: 'test-analyst', role: 'ANALYST' } as Principal,
  service: { subject: 'test-service', role: 'SERVICE' } as Principal,
  customer: (customerId: string): Principal => ({ subject: `test-${customerId}`, role: 'CUSTOMER', customerId }),
};
