import { asRole, startTestStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(25);
});
afterAll(async () => stack?.stop());

const SPANNING = `{ customers(first: 5) { edges { node { id region behaviour { lifecycleStage } creditLine { jointLimit } } } } }`;

it('answers one query with data from all three subgraphs', async () => {
  const { status, body } = await asRole('ADMIN', stack.gatewayUrl, SPANNING);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const nodes = body.data.customers.edges.map((e: { node: unknown }) => e.node);
  expect(nodes).toHaveLength(5);
  for (const node of nodes) {
    expect(node.id).toMatch(/^c_[0-9a-f]{16}$/);
    expect(node.region).toMatch(/^\d{2}$/);
    expect(['NEW', 'ACTIVE', 'DORMANT', 'HIGH_RISK']).toContain(node.behaviour.lifecycleStage);
    expect(node.creditLine.jointLimit).toMatch(/^\d+\.\d{2}$/);
  }
});

it('joins a customer onboarded through the gateway: NEW, no line yet, then a line once opened', async () => {
  const onboard = await asRole(
    'ADMIN',
    stack.gatewayUrl,
    'mutation { onboardCustomer(input: { region: "31", declaredAnnualIncome: "240000.00", birthYear: 1992, education: GRADUATE }) { id } }',
  );
  const id = onboard.body.data.onboardCustomer.id;
  const query = `query ($id: ID!) { customer(id: $id) { id regionName behaviour { lifecycleStage asOf } creditLine { jointLimit payLater { available } } } }`;
  let res = await asRole('ADMIN', stack.gatewayUrl, query, { id });
  expect(res.body.data.customer).toEqual({ id, regionName: 'Shanghai', behaviour: { lifecycleStage: 'NEW', asOf: null }, creditLine: null });

  await asRole('ADMIN', stack.gatewayUrl, `mutation ($id: ID!) { openCreditLine(input: { customerId: $id, jointLimit: "5000.00", cashLoanLimit: "0.00", payLaterLimit: "3000.00" }) { status } }`, { id });
  res = await asRole('ADMIN', stack.gatewayUrl, query, { id });
  expect(res.body.data.customer.creditLine).toEqual({ jointLimit: '5000.00', payLater: { available: '3000.00' } });
});

it('gives BAD_USER_INPUT through the gateway for bad paging', async () => {
  const { body } = await asRole('ADMIN', stack.gatewayUrl, '{ customers(first: 101) { edges { cursor } } }');
  expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

it('serves health and readiness', async () => {
  const base = stack.gatewayUrl.replace(/\/graphql$/, '');
  expect((await fetch(`${base}/health`)).status).toBe(200);
  expect((await fetch(`${base}/ready`)).status).toBe(200);
});
