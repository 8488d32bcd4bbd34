import { broken, type FuzzedMutation } from './inputs';

const MONEY = /^\d+(\.\d{1,2})?$/;
const positiveMoney = (v: unknown) => typeof v === 'string' && MONEY.test(v) && Number(v) > 0;
const isProduct = (v: unknown) => v === 'CASH_LOAN' || v === 'PAY_LATER';

// a lone string is coerced to a one-item list
const usableReasons = (v: unknown) => {
  const list = Array.isArray(v) ? v : [v];
  return list.length > 0 && list.length <= 10 && list.every((r) => typeof r === 'string' && r.trim().length > 0 && r.trim().length <= 200);
};

const usableReason = (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.trim().length <= 200;

export const limitAllocationMutations: FuzzedMutation[] = [
  {
    name: 'openCreditLine',
    query: 'mutation ($input: OpenCreditLineInput!) { openCreditLine(input: $input) { status } }',
    // the valid template names a customer who already has a line, so even "valid" mixes must not change anything
    inputs: broken({ customerId: 'OWN', jointLimit: '1000.00', cashLoanLimit: '0.00', payLaterLimit: '500.00' }),
  },
  {
    name: 'authorize',
    query: 'mutation ($input: AuthorizeInput!) { authorize(input: $input) { approved } }',
    // a mix that kept the customer, a product and a positive amount could be granted: those are not bad inputs
    inputs: broken({ customerId: 'OWN', product: 'PAY_LATER', amount: '1.00', idempotencyKey: 'fuzz-authorize', merchant: 'shop', expiresIn: 3600 }).filter(
      (i) => !(i.customerId === 'OWN' && isProduct(i.product) && positiveMoney(i.amount)),
    ),
  },
  {
    name: 'capture',
    query: 'mutation ($input: CaptureInput!) { capture(input: $input) { status } }',
    // the template hold does not exist: with a valid amount it would be NOT_FOUND, so those mixes are left out
    inputs: broken({ holdId: `h_${'f'.repeat(32)}`, amount: '1.00' }).filter((i) => !(typeof i.holdId === 'string' && /^h_[0-9a-f]{32}$/.test(i.holdId) && positiveMoney(i.amount))),
  },
  {
    name: 'release',
    query: 'mutation ($input: ReleaseInput!) { release(input: $input) { status } }',
    inputs: broken({ holdId: `h_${'f'.repeat(32)}` }).filter((i) => !(typeof i.holdId === 'string' && /^h_[0-9a-f]{32}$/.test(i.holdId))),
  },
  {
    name: 'repay',
    query: 'mutation ($input: RepayInput!) { repay(input: $input) { jointUsed } }',
    inputs: broken({ customerId: 'OWN', product: 'PAY_LATER', amount: '1.00', idempotencyKey: 'fuzz-repay' }).filter(
      (i) => !(i.customerId === 'OWN' && isProduct(i.product) && positiveMoney(i.amount)),
    ),
  },
  {
    name: 'addUplift',
    query: 'mutation ($input: AddUpliftInput!) { addUplift(input: $input) { id } }',
    // the template gives neither amount nor multiplier; mixes that supply a usable one are left out
    inputs: broken({ customerId: 'OWN', products: ['PAY_LATER'], amount: null, multiplier: null, startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z', reason: 'fuzz' }).filter(
      (i) => !(i.customerId === 'OWN' && (positiveMoney(i.amount) || (typeof i.multiplier === 'number' && i.multiplier > 1 && i.multiplier <= 10))),
    ),
  },
  {
    name: 'recordRiskSnapshot',
    query: 'mutation ($input: RiskSnapshotInput!) { recordRiskSnapshot(input: $input) { score } }',
    // the template's score is out of range; mixes that repaired it are left out
    inputs: broken({
      customerId: 'OWN', score: -1, pd: 0.04, grade: 'B', lifecycleStage: 'ACTIVE', region: '44', declaredIncome: '1000.00',
      behaviourValue: '100.00', onTimeRepaymentMonths: 1, overdue: false, asOf: '2025-07-01T00:00:00Z',
    }).filter((i) => !(Number.isInteger(i.score) && (i.score as number) >= 0 && (i.score as number) <= 1000)),
  },
  {
    name: 'decideCreditLine',
    query: 'mutation ($input: DecideCreditLineInput!) { decideCreditLine(input: $input) { direction } }',
    inputs: broken({ customerId: 'OWN' }),
  },
  {
    name: 'publishPolicy',
    query: 'mutation ($input: PublishPolicyInput!) { publishPolicy(input: $input) { version } }',
    // an empty document lacks every rule, so no mix of it is a policy
    inputs: broken({ document: '{}', note: 'fuzz' }),
  },
  {
    name: 'createUpliftCampaign',
    query: 'mutation ($input: CreateUpliftCampaignInput!) { createUpliftCampaign(input: $input) { linesTouched } }',
    // the template gives neither amount nor multiplier; mixes that supply a usable one are left out
    inputs: broken({ name: 'fuzz', products: ['PAY_LATER'], amount: null, multiplier: null, startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z' }).filter(
      (i) => !(positiveMoney(i.amount) || (typeof i.multiplier === 'number' && i.multiplier > 1 && i.multiplier <= 10)),
    ),
  },
  {
    name: 'setPortfolioBudget',
    query: 'mutation ($input: SetPortfolioBudgetInput!) { setPortfolioBudget(input: $input) { grantedExposure } }',
    // null (no budget) and any amount of at least zero are valid settings, so they are left out
    inputs: broken({ exposureBudget: '-1.00' }).filter((i) => !(i.exposureBudget == null || (typeof i.exposureBudget === 'string' && MONEY.test(i.exposureBudget)))),
  },
  ...(['freezeCreditLine', 'unfreezeCreditLine', 'closeCreditLine'] as const).map((name) => ({
    name,
    query: `mutation ($input: ChangeLineStatusInput!) { ${name}(input: $input) { trigger } }`,
    // the template lists no reasons; mixes that kept the customer and supplied usable reasons are left out
    inputs: broken({ customerId: 'OWN', reasons: [] as unknown }).filter((i) => !(i.customerId === 'OWN' && usableReasons(i.reasons))),
  })),
  {
    name: 'replayLimitAllocationEvent',
    query: 'mutation ($input: ReplayEventInput!) { replayLimitAllocationEvent(input: $input) }',
    // A real consumer with a well-formed id would be NOT_FOUND, not a refusal: keep the consumer broken.
    inputs: broken({ consumer: 'limit-allocation.scores', eventId: 'evt-00000000' }).filter((i) => i.consumer !== 'limit-allocation.scores'),
  },
  {
    name: 'simulateAllocation',
    query: 'mutation ($input: SimulateAllocationInput!) { simulateAllocation(input: $input) { id } }',
    // a budget of CNY 1 is below every seeded book's floors and a version is refused with the optimiser, so no mix is valid
    inputs: broken({ method: 'OPTIMISER', budget: '1.00', policyVersion: 1 }),
  },
  {
    name: 'applyAllocation',
    // the argument is an id: any object in its place is refused when the variables are coerced
    query: 'mutation ($input: ID!) { applyAllocation(simulationId: $input) { decisionsWritten } }',
    inputs: broken({ simulationId: '1' }),
  },
  {
    name: 'cancelUplift',
    query: 'mutation ($input: CancelUpliftInput!) { cancelUplift(input: $input) { id } }',
    // the reason is checked first; with a usable one the unknown uplift is NOT_FOUND, not a bad input
    inputs: broken({ upliftId: 'u_none', reason: 'fuzz' }).filter((i) => !usableReason(i.reason)),
  },
  {
    name: 'cancelUpliftCampaign',
    query: 'mutation ($input: CancelUpliftCampaignInput!) { cancelUpliftCampaign(input: $input) { status } }',
    inputs: broken({ campaignId: '999999999', reason: 'fuzz' }).filter((i) => !usableReason(i.reason)),
  },
];
