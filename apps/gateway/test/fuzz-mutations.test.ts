import fc from 'fast-check';
import { asRole, startTestStack, type TestStack } from './support/stack';

/**
 * Generated bad inputs to every mutation, through the gateway: never a 5xx, never an internal
 * message, and no database changes.
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

async function rowCounts(): Promise<string> {
  const [c] = await stack.databases['credit-scoring']!.dataSource.query('SELECT count(*)::int AS n FROM customers');
  const [l] = await stack.databases['limit-allocation']!.dataSource.query('SELECT count(*)::int AS n, coalesce(sum(joint_limit), 0)::text AS s FROM credit_lines');
  return JSON.stringify([c, l]);
}

const junk = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e308, Number.MAX_SAFE_INTEGER, -0.5),
  fc.constantFrom('-100.00', '1e9', '99999999999999999999.99', '0.001', 'NaN', '１２３', '\u0000', '💳'),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A valid input with at least one field replaced by junk. */
function broken<T extends Record<string, unknown>>(valid: T) {
  const keys = Object.keys(valid);
  return fc
    .record(Object.fromEntries(keys.map((k) => [k, fc.option(junk, { nil: undefined })])) as Record<string, fc.Arbitrary<unknown>>)
    .filter((patch) => Object.values(patch).some((v) => v !== undefined))
    .map((patch) => {
      const input: Record<string, unknown> = { ...valid };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) input[k] = v;
      return input;
    });
}

const validOnboard = { region: '44', declaredAnnualIncome: '1000.00', birthYear: 1990, education: 'OTHER' };
const MUTATIONS = [
  {
    name: 'onboardCustomer',
    query: 'mutation ($input: OnboardCustomerInput!) { onboardCustomer(input: $input) { id } }',
    inputs: broken(validOnboard).filter((i) => !(i.region === '44' && typeof i.declaredAnnualIncome === 'string' && /^\d+(\.\d{1,2})?$/.test(i.declaredAnnualIncome) && i.birthYear === 1990)),
  },
  {
    name: 'openCreditLine',
    query: 'mutation ($input: OpenCreditLineInput!) { openCreditLine(input: $input) { status } }',
    // the valid template names a customer who already has a line, so even "valid" mixes must not change anything
    inputs: broken({ customerId: 'OWN', jointLimit: '1000.00', cashLoanLimit: '0.00', payLaterLimit: '500.00' }),
  },
];

const INTERNAL = /Internal server error|INTERNAL_SERVER_ERROR|stack|QueryFailedError|SELECT|relation|violates|\bat \w+ \(/;

it.each(MUTATIONS)('$name: bad inputs are refused cleanly and change nothing', async ({ query, inputs }) => {
  const before = await rowCounts();
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
  expect(await rowCounts()).toBe(before);
});
