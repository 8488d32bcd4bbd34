import { eventually, flowTarget, type FlowTarget } from './support/event-flow';
import { asRole } from './support/stack';

/**
 * The platform's promise end to end: activity recorded at behaviour-analytics reaches the score
 * and the limits with nobody pressing a button (behaviour.updated → score.changed → limit.changed),
 * seen through the gateway. In real time, so the same suite runs in process here and against the
 * process-per-app stack (`npm run stack:test` sets STACK_GATEWAY_URL); history is back-dated.
 *
 * Statements are calendar months while the history is back-dated in days, so where a customer's
 * score lands in the scorecard's narrow band moves a few points with the day of the month. The
 * suite therefore publishes a policy that tiers by score, with cut-offs clear of that band: a
 * customer is then HIGH_RISK for what they did (an overdue amount), never for which day the suite
 * ran on.
 */
const DAY = 86_400_000;
let target: FlowTarget;
let sequence = 0;

beforeAll(async () => {
  target = await flowTarget();
  const current = await admin('{ policy { document } }');
  const document = JSON.parse(current.policy.document);
  // every customer here scores inside one tier (MEDIUM_RISK), whichever grade the day gives them
  document.tiers = { highRisk: { maxScore: 400, grades: [] }, mediumRisk: { maxScore: 600 }, highValue: { minScore: 700, minValueShareOfIncome: 0.3 } };
  await admin('mutation ($input: PublishPolicyInput!) { publishPolicy(input: $input) { version } }', {
    input: { document: JSON.stringify(document), note: 'event-flow suite: tiers from behaviour, not from the day it ran' },
  });
}, 120_000);

afterAll(async () => {
  await target?.stop();
});

const at = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();
const eventId = () => `flow-${process.pid}-${(sequence += 1)}`;

async function admin(query: string, variables?: Record<string, unknown>) {
  const { body } = await asRole('ADMIN', target.gatewayUrl, query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function onboard(): Promise<string> {
  const data = await admin('mutation { onboardCustomer(input: { region: "31", declaredAnnualIncome: "180000.00", birthYear: 1990, education: UNIVERSITY }) { id } }');
  return data.onboardCustomer.id;
}

/** Three pay-later purchases in the days before `endDay` (days from now, ≤ 0). */
async function spend(customerId: string, yuanEach: number, endDay = 0) {
  const input = [-3, -2, -1].map((d) => ({
    eventId: eventId(),
    customerId,
    product: 'PAY_LATER',
    amount: `${yuanEach}.00`,
    merchantCategory: 'ELECTRONICS',
    channel: 'ONLINE',
    occurredAt: at(endDay + d),
  }));
  await admin('mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }', { input });
}

async function repay(customerId: string, amountYuan: number, dueInDays: number, paidInDays: number | null) {
  const input = [{ eventId: eventId(), customerId, product: 'PAY_LATER', amount: `${amountYuan}.00`, dueDate: at(dueInDays), paidAt: paidInDays === null ? null : at(paidInDays) }];
  await admin('mutation ($input: [RepaymentInput!]!) { recordRepayments(input: $input) }', { input });
}

const VIEW = `query ($id: ID!) { customer(id: $id) {
  behaviour { lifecycleStage currentDaysPastDue }
  creditProfile { score grade }
  creditLine { jointLimit cashLoan { limit } payLater { limit } }
  limitHistory(first: 5) { edges { node { trigger direction reasonCodes after { cashLoanDrawsFrozen } } } }
} }`;

interface View {
  customer: {
    behaviour: { lifecycleStage: string; currentDaysPastDue: number };
    creditProfile: { score: number; grade: string } | null;
    creditLine: { jointLimit: string; cashLoan: { limit: string }; payLater: { limit: string } } | null;
    limitHistory: { edges: Array<{ node: { trigger: string; direction: string; reasonCodes: string[]; after: { cashLoanDrawsFrozen: boolean } } }> };
  };
}

const yuan = (money: string) => Number(money);

/** The customer's view once the events in flight have landed: two answers a second apart agree. */
async function settled(id: string): Promise<View> {
  let last = '';
  const view = await eventually<View>(target.gatewayUrl, VIEW, { id }, (d) => {
    const now = JSON.stringify(d);
    const same = d.customer.creditLine !== null && now === last;
    last = now;
    return same;
  }, 30_000, 1_000);
  return view;
}

/** Back-dated months of spend (from `months` to `last` months ago), each repaid in full two days before it was due. */
async function onTimeMonths(customerId: string, months: number, last = 1) {
  for (let m = months; m >= last; m -= 1) {
    await spend(customerId, 200, -30 * m);
    await repay(customerId, 600, -30 * m + 20, -30 * m + 18);
  }
}

it('opens PAY_LATER first for a NEW customer, then CASH_LOAN after months of on-time repayment', async () => {
  const id = await onboard();
  await spend(id, 200);
  // The line and its history are read by two statements, so one answer can see the line opened
  // and not yet its decision: wait for both.
  const first = await eventually<View>(target.gatewayUrl, VIEW, { id }, (d) => d.customer.creditLine !== null && d.customer.limitHistory.edges.length > 0);
  expect(first.customer.behaviour.lifecycleStage).toBe('NEW');
  expect(yuan(first.customer.creditLine!.payLater.limit)).toBeGreaterThan(0);
  expect(yuan(first.customer.creditLine!.cashLoan.limit)).toBe(0);
  expect(first.customer.limitHistory.edges[0]!.node.trigger).toBe('SCORE_CHANGED');

  await onTimeMonths(id, 6);
  const later = await eventually<View>(target.gatewayUrl, VIEW, { id }, (d) => yuan(d.customer.creditLine?.cashLoan.limit ?? '0') > 0);
  expect(later.customer.creditProfile).not.toBeNull();
  const history = await admin('query ($id: ID!) { customer(id: $id) { limitHistory(first: 100) { edges { node { reasonCodes before { cashLoanLimit } after { cashLoanLimit } } } } } }', { id });
  type Decision = { reasonCodes: string[]; before: { cashLoanLimit: string } | null; after: { cashLoanLimit: string } };
  const decisions: Decision[] = history.customer.limitHistory.edges.map((e: { node: Decision }) => e.node);
  const opening = decisions.find((d) => yuan(d.before?.cashLoanLimit ?? '0') === 0 && yuan(d.after.cashLoanLimit) > 0);
  expect(opening?.reasonCodes).toEqual(expect.arrayContaining([expect.stringMatching(/^(CASH_LOAN_OPENED_ON_TIME_HISTORY|ACTIVE_CASH_LOAN_RAISED)$/)]));
}, 120_000);

it.each([
  ['a repayment made 65 days after it was due', (id: string) => repay(id, 600, -70, -5)],
  ['an amount left unpaid 61 days past due', (id: string) => repay(id, 600, -61, null)],
])('turns a customer with %s HIGH_RISK, with a lower score and reduced limits', async (_label, overdue) => {
  const id = await onboard();
  // History ends 70 days ago, so no later payment cures what is then left unpaid.
  await onTimeMonths(id, 6, 3);
  await spend(id, 300);
  const before = await settled(id);
  expect(before.customer.behaviour.lifecycleStage).not.toBe('HIGH_RISK');

  await overdue(id);
  const after = await eventually<View>(target.gatewayUrl, VIEW, { id }, (d) => d.customer.behaviour.lifecycleStage === 'HIGH_RISK' && d.customer.limitHistory.edges[0]?.node.direction === 'DECREASE');
  const { customer } = after;
  expect(customer.creditProfile!.score).toBeLessThan(before.customer.creditProfile!.score);
  expect(yuan(customer.creditLine!.jointLimit)).toBeLessThan(yuan(before.customer.creditLine!.jointLimit));
  const decision = customer.limitHistory.edges[0]!.node;
  expect(decision.trigger).toBe('SCORE_CHANGED');
  expect(decision.reasonCodes).toEqual(expect.arrayContaining(['HIGH_RISK_REDUCED', 'CASH_LOAN_DRAWS_FROZEN']));
  expect(decision.after.cashLoanDrawsFrozen).toBe(true);
}, 120_000);

it('counts a capture on the line as behaviour exactly once', async () => {
  const id = await onboard();
  await spend(id, 200);
  await eventually<View>(target.gatewayUrl, VIEW, { id }, (d) => d.customer.creditLine !== null);
  const WINDOW = 'query ($id: ID!) { customer(id: $id) { behaviour { windows { days transactionCount spend } } } }';
  type Windows = { customer: { behaviour: { windows: Array<{ days: number; transactionCount: number; spend: string }> } } };
  const month = (d: Windows) => d.customer.behaviour.windows.find((w) => w.days === 30)!;
  const start = month(await eventually<Windows>(target.gatewayUrl, WINDOW, { id }, () => true));

  const auth = await admin('mutation ($input: AuthorizeInput!) { authorize(input: $input) { approved hold { id } } }', {
    input: { customerId: id, product: 'PAY_LATER', amount: '50.00', idempotencyKey: eventId() },
  });
  expect(auth.authorize.approved).toBe(true);
  await admin('mutation ($input: CaptureInput!) { capture(input: $input) { status } }', { input: { holdId: auth.authorize.hold.id, amount: '50.00' } });
  const counted = await eventually<Windows>(target.gatewayUrl, WINDOW, { id }, (d) => month(d).transactionCount === start.transactionCount + 1);
  expect(Number(month(counted).spend)).toBeCloseTo(Number(start.spend) + 50, 2);

  const dead = await admin('{ limitAllocationDeadLetters(first: 5) { edges { node { eventId } } } }');
  expect(dead.limitAllocationDeadLetters.edges).toEqual([]);
}, 120_000);
