import { fixedClock } from '@jc/domain';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { createBehaviourAnalyticsServer, openBehaviourTestDatabase } from '../src';
import { BehaviourProfileRepository } from '../src/db/behaviour-profile-repository';

let database: Database;
let server: SubgraphServer;
const clock = fixedClock('2026-11-01T00:00:00Z');

beforeAll(async () => {
  database = await openBehaviourTestDatabase();
  server = await createBehaviourAnalyticsServer({ database, internalSecret: TEST_INTERNAL_SECRET, clock });
  const res = await server.execute({
    query: 'mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }',
    variables: {
      input: [{ eventId: 'seed-1', customerId: 'c_00000000000000a1', product: 'PAY_LATER', amount: '10.00', merchantCategory: 'DINING', channel: 'OFFLINE', occurredAt: '2026-10-31T12:00:00Z' }],
    },
  }, testPrincipals.service);
  expect(res.errors).toBeUndefined();
});
afterAll(async () => (server ? server.stop() : database?.close()));

it('serves stored profiles and NEW for customers without history, in one batch', async () => {
  const spy = jest.spyOn(BehaviourProfileRepository.prototype, 'findByCustomerIds');
  const res = await server.execute({
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id behaviour { lifecycleStage asOf } } } }',
    variables: { r: ['c_00000000000000a1', 'c_00000000000000b2'].map((id) => ({ __typename: 'Customer', id })) },
  }, testPrincipals.admin);
  expect(res.errors).toBeUndefined();
  expect(res.data?._entities).toEqual([
    { id: 'c_00000000000000a1', behaviour: { lifecycleStage: 'NEW', asOf: '2026-11-01T00:00:00.000Z' } },
    { id: 'c_00000000000000b2', behaviour: { lifecycleStage: 'NEW', asOf: null } },
  ]);
  expect(spy).toHaveBeenCalledTimes(1);
  spy.mockRestore();
});

it('resolves a representation without a usable customer id to null, and the rest of the batch as usual', async () => {
  const spy = jest.spyOn(BehaviourProfileRepository.prototype, 'findByCustomerIds');
  const representations = [{ id: 'c_00000000000000a1' }, {}, { id: null }, { id: 5 }, { id: 'not-an-id' }].map((r) => ({ __typename: 'Customer', ...r }));
  const res = await server.execute({
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id behaviour { lifecycleStage } } } }',
    variables: { r: representations },
  }, testPrincipals.admin);
  expect(res.errors).toBeUndefined();
  expect(res.data?._entities).toEqual([{ id: 'c_00000000000000a1', behaviour: { lifecycleStage: 'NEW' } }, null, null, null, null]);
  expect(spy.mock.calls.flatMap(([ids]) => ids)).toEqual(['c_00000000000000a1']);
  spy.mockRestore();
});

it('lets a customer read only their own behaviour', async () => {
  const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { behaviour { lifecycleStage } statements(last: 1) { month } } } }';
  const variables = { r: [{ __typename: 'Customer', id: 'c_00000000000000a1' }] };
  const own = await server.execute({ query, variables }, testPrincipals.customer('c_00000000000000a1'));
  expect(own.errors).toBeUndefined();
  const other = await server.execute({ query, variables }, testPrincipals.customer('c_00000000000000b2'));
  expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('publishes its SDL for composition', async () => {
  const res = await server.execute({ query: '{ _service { sdl } }' }, testPrincipals.admin);
  expect(res.data?._service.sdl).toContain('behaviour: BehaviourProfile!');
});
