import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import type { Role } from '@jc/domain';
import type { AccessRows, Who } from './access/rows';
import { behaviourAnalyticsRows } from './access/behaviour-analytics.rows';
import { creditScoringRows } from './access/credit-scoring.rows';
import { limitAllocationRows } from './access/limit-allocation.rows';
import { apiSchemaPath } from '@jc/supergraph';
import { asRole, startTestStack, type TestStack } from './support/stack';

/**
 * Every query and mutation of the public API, tried by every role. A CUSTOMER is tried on their
 * own data and on someone else's. Each subgraph's operations are listed in access/<subgraph>.rows.ts;
 * adding an operation to the API without a row there fails the completeness test below.
 */
const TABLE: AccessRows = { ...creditScoringRows, ...behaviourAnalyticsRows, ...limitAllocationRows };

let stack: TestStack;
let own: string;
let other: string;
beforeAll(async () => {
  stack = await startTestStack(5);
  const { body } = await asRole('ADMIN', stack.gatewayUrl, '{ customers(first: 2) { edges { node { id } } } }');
  [own, other] = body.data.customers.edges.map((e: { node: { id: string } }) => e.node.id);
});
afterAll(async () => stack?.stop());

it('has a row for every query and mutation of the API schema', () => {
  const schema = buildSchema(readFileSync(apiSchemaPath, 'utf8'));
  const operations = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
    type ? Object.keys(type.getFields()).map((f) => `${type.name}.${f}`) : [],
  );
  expect(Object.keys(TABLE).sort()).toEqual(operations.sort());
});

const cases = Object.entries(TABLE).flatMap(([operation, row]) =>
  (Object.keys(row.expect) as Who[]).map((who) => [operation, who, row.expect[who]] as const),
);

it.each(cases)('%s as %s → %s', async (operation, who, outcome) => {
  const role: Role = who === 'CUSTOMER_OTHER' ? 'CUSTOMER' : who;
  // CUSTOMER_OTHER holds a token for `other` and asks about `own`.
  const tokenCustomer = who === 'CUSTOMER_OTHER' ? other : who === 'CUSTOMER' ? own : undefined;
  const { query, variables } = TABLE[operation]!.query({ own, other });
  const { status, body } = await asRole(role, stack.gatewayUrl, query, variables, tokenCustomer);
  expect(status).toBeLessThan(500);
  const allowedErrors = TABLE[operation]!.allowedErrors;
  if (outcome === 'ok' && allowedErrors && body.errors) {
    const codes: string[] = body.errors.map((e: { extensions: { code: string } }) => e.extensions.code);
    expect(codes.filter((c) => !allowedErrors.includes(c))).toEqual([]);
  } else if (outcome === 'ok') {
    expect(body.errors).toBeUndefined();
    expect(body.data).toBeTruthy();
  } else {
    expect(body.errors?.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain('FORBIDDEN');
    expect(JSON.stringify(body.data ?? null)).not.toMatch(/"jointLimit":"|"region":"|"declaredAnnualIncome":"/);
  }
});

it('lets a customer read every field of their own customer, and none of another', async () => {
  const query = 'query ($id: ID!) { customer(id: $id) { id region regionName onboardedAt declaredAnnualIncome birthYear education behaviour { lifecycleStage asOf } creditLine { status jointLimit cashLoan { available } payLater { available } } } }';
  const mine = await asRole('CUSTOMER', stack.gatewayUrl, query, { id: own }, own);
  expect(mine.body.errors).toBeUndefined();
  expect(mine.body.data.customer.id).toBe(own);
  const theirs = await asRole('CUSTOMER', stack.gatewayUrl, query, { id: other }, own);
  expect(theirs.body.data?.customer ?? null).toBeNull();
  expect(theirs.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
