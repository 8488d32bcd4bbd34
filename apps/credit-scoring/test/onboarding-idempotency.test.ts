import { CustomerRepository } from '../src/db/customer-repository';
import { useScoringSubgraph } from './support/subgraph';

const subgraph = useScoringSubgraph();

const ONBOARD = `mutation ($input: OnboardCustomerInput!) {
  onboardCustomer(input: $input) { id region onboardedAt declaredAnnualIncome birthYear education }
}`;
const request = { region: '31', declaredAnnualIncome: '96000.00', birthYear: 1985, education: 'GRADUATE' };
let keys = 0;
const freshKey = () => `onboard-${(keys += 1)}-${Date.now()}`;

async function counts(): Promise<{ customers: number; events: number }> {
  const [row] = await subgraph.database.dataSource.query('SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM event_outbox)::int AS events');
  return row;
}

describe('onboardCustomer with an idempotency key', () => {
  it('answers a retry of the same request with the customer it made, storing nothing more', async () => {
    const input = { ...request, idempotencyKey: freshKey() };
    const first = await subgraph.run(ONBOARD, { input });
    expect(first.errors).toBeUndefined();
    const before = await counts();
    const retry = await subgraph.run(ONBOARD, { input: { education: input.education, birthYear: input.birthYear, idempotencyKey: input.idempotencyKey, region: input.region, declaredAnnualIncome: '96000' } });
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.onboardCustomer).toEqual(first.data?.onboardCustomer);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['region', { region: '44' }],
    ['income', { declaredAnnualIncome: '96000.01' }],
    ['birth year', { birthYear: 1986 }],
    ['education', { education: 'OTHER' }],
  ])('refuses the key with another %s as CONFLICT and stores nothing', async (_name, patch) => {
    const idempotencyKey = freshKey();
    expect((await subgraph.run(ONBOARD, { input: { ...request, idempotencyKey } })).errors).toBeUndefined();
    const before = await counts();
    const res = await subgraph.run(ONBOARD, { input: { ...request, ...patch, idempotencyKey } });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('onboards one customer for concurrent requests with one key', async () => {
    const before = await counts();
    const input = { ...request, idempotencyKey: freshKey() };
    const results = await Promise.all(Array.from({ length: 6 }, () => subgraph.run(ONBOARD, { input })));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(new Set(results.map((r) => r.data?.onboardCustomer.id)).size).toBe(1);
    expect(await counts()).toEqual({ ...before, customers: before.customers + 1 });
  });

  // The race PGlite's single session never shows: both requests find the key unused, and the unique index decides.
  it('answers from the first request when the key was committed after its lookup', async () => {
    const input = { ...request, idempotencyKey: freshKey() };
    const first = await subgraph.run(ONBOARD, { input });
    const before = await counts();
    const spy = jest.spyOn(CustomerRepository.prototype, 'findByIdempotencyKey').mockResolvedValueOnce(null);
    try {
      const same = await subgraph.run(ONBOARD, { input });
      expect(same.errors).toBeUndefined();
      expect(same.data?.onboardCustomer).toEqual(first.data?.onboardCustomer);
      spy.mockResolvedValueOnce(null);
      const other = await subgraph.run(ONBOARD, { input: { ...input, birthYear: 1999 } });
      expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(before);
  });

  it('onboards a new customer for each request without a key, as before', async () => {
    const before = await counts();
    const [a, b] = [await subgraph.run(ONBOARD, { input: request }), await subgraph.run(ONBOARD, { input: { ...request, idempotencyKey: null } })];
    expect(a.data?.onboardCustomer.id).not.toBe(b.data?.onboardCustomer.id);
    expect((await counts()).customers).toBe(before.customers + 2);
  });

  it.each([[''], ['has space'], ['x'.repeat(129)], ['ключ']])('refuses the key %j with BAD_USER_INPUT naming input.idempotencyKey', async (idempotencyKey) => {
    const before = await counts();
    const res = await subgraph.run(ONBOARD, { input: { ...request, idempotencyKey } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('input.idempotencyKey');
    expect(await counts()).toEqual(before);
  });
});
