import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { createBehaviourAnalyticsServer, openBehaviourTestDatabase } from '../src';
import { BehaviourProfileRepository } from '../src/db/behaviour-profile-repository';

let database: Database;
let server: SubgraphServer;

beforeAll(async () => {
  database = await openBehaviourTestDatabase();
  server = await createBehaviourAnalyticsServer({ database, internalSecret: TEST_INTERNAL_SECRET });
  await new BehaviourProfileRepository(database.dataSource).upsertMany([
    { customerId: 'c_00000000000000a1', lifecycleStage: 'ACTIVE', asOf: new Date('2026-11-01T00:00:00Z') },
  ]);
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
    { id: 'c_00000000000000a1', behaviour: { lifecycleStage: 'ACTIVE', asOf: '2026-11-01T00:00:00.000Z' } },
    { id: 'c_00000000000000b2', behaviour: { lifecycleStage: 'NEW', asOf: null } },
  ]);
  expect(spy).toHaveBeenCalledTimes(1);
  spy.mockRestore();
});

it('publishes its SDL for composition', async () => {
  const res = await server.execute({ query: '{ _service { sdl } }' }, testPrincipals.admin);
  expect(res.data?._service.sdl).toContain('behaviour: BehaviourProfile!');
});
