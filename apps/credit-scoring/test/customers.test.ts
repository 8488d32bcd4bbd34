import { testPrincipals } from '@jc/subgraph-kit';
import { CustomerRepository } from '../src/db/customer-repository';
import { useScoringSubgraph } from './support/subgraph';

const subgraph = useScoringSubgraph();

const ONBOARD = `mutation ($input: OnboardCustomerInput!) {
  onboardCustomer(input: $input) { id region regionName onboardedAt declaredAnnualIncome birthYear education }
}`;
const valid = { region: '44', declaredAnnualIncome: '180000.50', birthYear: 1990, education: 'UNIVERSITY' };

async function customerCount(): Promise<number> {
  const [row] = await subgraph.database.dataSource.query('SELECT count(*)::int AS n FROM customers');
  return row.n;
}

describe('onboardCustomer', () => {
  it('stores the profile with money in fen and time from the clock', async () => {
    const res = await subgraph.server.execute({ query: ONBOARD, variables: { input: valid } }, testPrincipals.admin);
    expect(res.errors).toBeUndefined();
    const customer = res.data?.onboardCustomer;
    expect(customer).toMatchObject({
      region: '44',
      regionName: 'Guangdong',
      onboardedAt: '2026-11-30T08:00:00.000Z',
      declaredAnnualIncome: '180000.50',
      birthYear: 1990,
      education: 'UNIVERSITY',
    });
    expect(customer.id).toMatch(/^c_[0-9a-f]{16}$/);
    const [row] = await subgraph.database.dataSource.query('SELECT declared_annual_income::text AS income FROM customers WHERE id = $1', [customer.id]);
    expect(row.income).toBe('18000050');
  });

  it.each([
    ['an invalid region', { region: '99' }, 'input.region'],
    ['a negative income', { declaredAnnualIncome: '-1.00' }, 'input.declaredAnnualIncome'],
    ['a minor', { birthYear: 2015 }, 'input.birthYear'],
  ])('rejects %s with BAD_USER_INPUT and stores nothing', async (_name, patch, path) => {
    const before = await customerCount();
    const res = await subgraph.server.execute({ query: ONBOARD, variables: { input: { ...valid, ...patch } } }, testPrincipals.admin);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(path);
    expect(await customerCount()).toBe(before);
  });

  it('rejects money with more than two decimals or as a float', async () => {
    for (const income of ['1.001', 1000.5]) {
      const res = await subgraph.server.execute({ query: ONBOARD, variables: { input: { ...valid, declaredAnnualIncome: income } } }, testPrincipals.admin);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('customer queries', () => {
  const ids: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await subgraph.server.execute({ query: ONBOARD, variables: { input: { ...valid, birthYear: 1980 + i } } }, testPrincipals.admin);
      ids.push(res.data?.onboardCustomer.id);
    }
  });

  it('returns null for an unknown or malformed id, without an error', async () => {
    const res = await subgraph.server.execute({ query: '{ a: customer(id: "c_0000000000000000") { id } b: customer(id: "nope") { id } }' }, testPrincipals.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null });
  });

  it('pages through every customer exactly once in id order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await subgraph.server.execute({
        query: 'query ($after: String) { customers(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        variables: { after },
      }, testPrincipals.admin);
      expect(res.errors).toBeUndefined();
      const page = res.data?.customers;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(seen.length).toBe(await customerCount());
  });

  it.each([[0], [101]])('rejects first = %i', async (first) => {
    const res = await subgraph.server.execute({ query: `{ customers(first: ${first}) { edges { cursor } } }` }, testPrincipals.admin);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a malformed cursor', async () => {
    for (const after of ['garbage!', Buffer.from('v1:not-an-id').toString('base64url')]) {
      const res = await subgraph.server.execute({ query: 'query ($a: String) { customers(first: 1, after: $a) { edges { cursor } } }', variables: { a: after } }, testPrincipals.admin);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('resolves _entities references in one batch, null for unknown ids', async () => {
    const spy = jest.spyOn(CustomerRepository.prototype, 'findByIds');
    const representations = [...ids.slice(0, 3), 'c_ffffffffffffffff'].map((id) => ({ __typename: 'Customer', id }));
    const res = await subgraph.server.execute({
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id birthYear } } }',
      variables: { r: representations },
    }, testPrincipals.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((e: { id: string } | null) => e?.id ?? null)).toEqual([...ids.slice(0, 3), null]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[0]).toHaveLength(4);
    spy.mockRestore();
  });

  it('resolves a representation without a customer id to null, and the rest of the batch as usual', async () => {
    const spy = jest.spyOn(CustomerRepository.prototype, 'findByIds');
    const representations = [{ id: ids[0] }, {}, { id: null }, { id: 5 }, { id: { nested: true } }, { id: [ids[1]] }].map((r) => ({ __typename: 'Customer', ...r }));
    const res = await subgraph.server.execute({
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }',
      variables: { r: representations },
    }, testPrincipals.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ id: ids[0] }, null, null, null, null, null]);
    // only the well-formed id goes to the database
    expect(spy.mock.calls.flatMap(([keys]) => keys)).toEqual([ids[0]]);
    spy.mockRestore();
  });
});
