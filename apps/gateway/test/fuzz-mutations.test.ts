import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { apiSchemaPath } from '@jc/supergraph';
import type { FuzzedMutation } from './fuzz/inputs';
import { behaviourAnalyticsMutations } from './fuzz/behaviour-analytics.mutations';
import { creditScoringMutations } from './fuzz/credit-scoring.mutations';
import { limitAllocationMutations } from './fuzz/limit-allocation.mutations';
import { asRole, startTestStack, type TestStack } from './support/stack';

/**
 * Generated bad inputs to every mutation, through the gateway: never a 5xx, never an internal
 * message, and no database changes. Each subgraph lists its mutations in fuzz/<subgraph>.mutations.ts;
 * a mutation of the API schema missing there fails the completeness test.
 */
let stack: TestStack;
let own: string;
let other: string;
beforeAll(async () => {
  stack = await startTestStack(4, { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' });
  const { body } = await asRole('ADMIN', stack.gatewayUrl, '{ customers(first: 2) { edges { node { id } } } }');
  [own, other] = body.data.customers.edges.map((e: { node: { id: string } }) => e.node.id);
});
afterAll(async () => stack?.stop());

/** A digest of every row of every table of every subgraph: any change of state changes it. */
async function databaseDigest(): Promise<string> {
  const parts: string[] = [];
  for (const [name, database] of Object.entries(stack.databases)) {
    const tables: { table_name: string }[] = await database.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    for (const { table_name: table } of tables) {
      const [row] = await database.dataSource.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`);
      parts.push(`${name}.${table}:${row.digest}`);
    }
  }
  return parts.join('\n');
}

const MUTATIONS: FuzzedMutation[] = [...creditScoringMutations, ...behaviourAnalyticsMutations, ...limitAllocationMutations];

it('fuzzes every mutation of the API schema', () => {
  const mutationType = buildSchema(readFileSync(apiSchemaPath, 'utf8')).getMutationType();
  expect(MUTATIONS.map((m) => m.name).sort()).toEqual(Object.keys(mutationType?.getFields() ?? {}).sort());
});

const INTERNAL = /Internal server error|INTERNAL_SERVER_ERROR|stack|QueryFailedError|SELECT|relation|violates|\bat \w+ \(/;

it.each(MUTATIONS)('$name: bad inputs are refused cleanly and change nothing', async ({ query, inputs }) => {
  const before = await databaseDigest();
  await fc.assert(
    fc.asyncProperty(inputs, fc.constantFrom('ADMIN', 'CUSTOMER_OTHER'), async (raw, who) => {
      const input = { ...raw, ...(raw.customerId === 'OWN' ? { customerId: own } : {}) };
      const res = who === 'ADMIN'
        ? await asRole('ADMIN', stack.gatewayUrl, query, { input })
        : await asRole('CUSTOMER', stack.gatewayUrl, query, { input: { ...input, customerId: own } }, other);
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
      for (const error of res.body.errors ?? []) expect(['BAD_USER_INPUT', 'FORBIDDEN', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED']).toContain(error.extensions?.code);
    }),
    { numRuns: 60, seed: 20261130 },
  );
  expect(await databaseDigest()).toBe(before);
});
