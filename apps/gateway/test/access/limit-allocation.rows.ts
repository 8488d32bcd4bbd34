import { demoHoldId } from '@jc/limit-allocation/src/db/seed-demo';
import { DEFAULT_POLICY } from '@jc/limit-allocation/src/model/policy';
import { ADMIN_ONLY, freshCustomerId, STAFF_READ, WRITE, type AccessRows, type Outcome, type Who } from './rows';

let keys = 0;
const freshKey = () => `access-${process.pid}-${(keys += 1)}`;
// the demo seed leaves two open holds and a CNY 10 draw on each of the first lines by id: each call takes the next hold, so the five roles need five lines
let captures = 0;
let releases = 0;

const OPEN_FRESH = 'open: openCreditLine(input: { customerId: $id, jointLimit: "1000.00", cashLoanLimit: "0.00", payLaterLimit: "500.00" }) { status }';

const ANALYST_ADMIN: Record<Who, Outcome> = { CUSTOMER: 'FORBIDDEN', CUSTOMER_OTHER: 'FORBIDDEN', ANALYST: 'ok', ADMIN: 'ok', SERVICE: 'FORBIDDEN' };

export const limitAllocationRows: AccessRows = {
  'Mutation.openCreditLine': {
    query: () => ({
      query: 'mutation ($id: ID!) { openCreditLine(input: { customerId: $id, jointLimit: "1000.00", cashLoanLimit: "0.00", payLaterLimit: "500.00" }) { status } }',
      variables: { id: freshCustomerId() },
    }),
    expect: WRITE,
  },
  'Mutation.authorize': {
    query: ({ own }) => ({
      query: 'mutation ($i: AuthorizeInput!) { authorize(input: $i) { approved declineReason hold { id } } }',
      variables: { i: { customerId: own, product: 'PAY_LATER', amount: '1.00', idempotencyKey: freshKey() } },
    }),
    expect: WRITE,
  },
  'Mutation.capture': {
    query: () => ({
      query: 'mutation ($i: CaptureInput!) { capture(input: $i) { status } }',
      variables: { i: { holdId: demoHoldId(2 * captures++), amount: '5.00' } },
    }),
    expect: WRITE,
  },
  'Mutation.release': {
    query: () => ({
      query: 'mutation ($i: ReleaseInput!) { release(input: $i) { status } }',
      variables: { i: { holdId: demoHoldId(2 * releases++ + 1) } },
    }),
    expect: WRITE,
  },
  'Mutation.repay': {
    query: ({ own }) => ({
      query: 'mutation ($i: RepayInput!) { repay(input: $i) { jointUsed } }',
      variables: { i: { customerId: own, product: 'PAY_LATER', amount: '0.01', idempotencyKey: freshKey() } },
    }),
    expect: WRITE,
  },
  'Mutation.addUplift': {
    query: ({ own }) => ({
      query: 'mutation ($i: AddUpliftInput!) { addUplift(input: $i) { id } }',
      variables: { i: { customerId: own, products: ['PAY_LATER'], amount: '100.00', startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z', reason: 'access test' } },
    }),
    expect: WRITE,
  },
  // listed before decideCreditLine, which decides from the snapshot these rows record
  'Mutation.recordRiskSnapshot': {
    query: ({ own }) => ({
      query: 'mutation ($i: RiskSnapshotInput!) { recordRiskSnapshot(input: $i) { score } }',
      variables: {
        i: {
          customerId: own, score: 640, pd: 0.04, grade: 'B', lifecycleStage: 'ACTIVE', region: '44', declaredIncome: '120000.00',
          behaviourValue: '15000.00', onTimeRepaymentMonths: 8, overdue: false, asOf: '2025-07-01T00:00:00Z',
        },
      },
    }),
    expect: WRITE,
  },
  'Mutation.decideCreditLine': {
    query: ({ own }) => ({ query: 'mutation ($id: ID!) { decideCreditLine(input: { customerId: $id }) { direction } }', variables: { id: own } }),
    expect: WRITE,
  },
  'Mutation.publishPolicy': {
    query: () => ({
      query: 'mutation ($i: PublishPolicyInput!) { publishPolicy(input: $i) { version } }',
      variables: { i: { document: JSON.stringify(DEFAULT_POLICY), note: 'access test' } },
    }),
    expect: ADMIN_ONLY,
  },
  // each opens a fresh line first in the same document (root mutation fields run in order), so the rows share no state;
  // for every role but ADMIN the status change is FORBIDDEN
  'Mutation.freezeCreditLine': {
    query: () => ({
      query: `mutation ($id: ID!) { ${OPEN_FRESH} freezeCreditLine(input: { customerId: $id, reasons: ["access test"] }) { trigger } }`,
      variables: { id: freshCustomerId() },
    }),
    expect: ADMIN_ONLY,
  },
  'Mutation.unfreezeCreditLine': {
    query: () => ({
      query: `mutation ($id: ID!) { ${OPEN_FRESH} f: freezeCreditLine(input: { customerId: $id, reasons: ["access test"] }) { trigger } unfreezeCreditLine(input: { customerId: $id, reasons: ["access test"] }) { trigger } }`,
      variables: { id: freshCustomerId() },
    }),
    expect: ADMIN_ONLY,
  },
  'Mutation.closeCreditLine': {
    query: () => ({
      query: `mutation ($id: ID!) { ${OPEN_FRESH} closeCreditLine(input: { customerId: $id, reasons: ["access test"] }) { trigger } }`,
      variables: { id: freshCustomerId() },
    }),
    expect: ADMIN_ONLY,
  },
  'Query.policy': {
    query: () => ({ query: '{ policy { version note } }' }),
    expect: STAFF_READ,
  },
  'Mutation.createUpliftCampaign': {
    query: () => ({
      query: 'mutation ($i: CreateUpliftCampaignInput!) { createUpliftCampaign(input: $i) { linesTouched } }',
      // eligible nowhere (no region 00), so the access test leaves the seeded lines as they were
      variables: { i: { name: 'access test', products: ['PAY_LATER'], amount: '1.00', startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z', eligibility: { regions: ['00'] } } },
    }),
    expect: WRITE,
  },
  // no such uplift or campaign: the access check passes or refuses before anything is looked up
  'Mutation.cancelUplift': {
    query: () => ({ query: 'mutation { cancelUplift(input: { upliftId: "u_none", reason: "access test" }) { id } }' }),
    expect: WRITE,
    allowedErrors: ['NOT_FOUND'],
  },
  'Mutation.cancelUpliftCampaign': {
    query: () => ({ query: 'mutation { cancelUpliftCampaign(input: { campaignId: "999999999", reason: "access test" }) { status } }' }),
    expect: WRITE,
    allowedErrors: ['NOT_FOUND'],
  },
  'Query.campaigns': {
    query: () => ({ query: '{ campaigns(first: 2) { edges { node { name linesTouched } } } }' }),
    expect: STAFF_READ,
  },
  'Mutation.setPortfolioBudget': {
    // no budget: the rows after this one open and raise lines freely
    query: () => ({ query: 'mutation { setPortfolioBudget(input: { exposureBudget: null }) { grantedExposure } }' }),
    expect: ADMIN_ONLY,
  },
  'Query.portfolioSummary': {
    query: () => ({ query: '{ portfolioSummary { lines grantedExposure byProduct { product utilisation } byTier { key exposure } } }' }),
    expect: STAFF_READ,
  },
  'Query.hold': {
    query: () => ({ query: `{ hold(id: "${demoHoldId(0)}") { status amount } }` }),
    expect: STAFF_READ,
  },
  'Query.limitAllocationDeadLetters': {
    query: () => ({ query: '{ limitAllocationDeadLetters(first: 5) { edges { node { consumer eventId error attempts parkedAt } } pageInfo { hasNextPage } } }' }),
    expect: ADMIN_ONLY,
  },
  'Mutation.replayLimitAllocationEvent': {
    query: () => ({ query: 'mutation { replayLimitAllocationEvent(input: { consumer: "limit-allocation.none", eventId: "evt-00000000" }) }' }),
    expect: ADMIN_ONLY,
    allowedErrors: ['BAD_USER_INPUT'],
  },
  'Mutation.simulateAllocation': {
    // a budget far above the book: stored as a simulation, no line changes
    query: () => ({ query: 'mutation { simulateAllocation(input: { method: OPTIMISER, budget: "999999999.00" }) { id status challenger { lines } } }' }),
    expect: ANALYST_ADMIN,
  },
  'Query.allocationSimulations': {
    query: () => ({ query: '{ allocationSimulations(first: 2) { edges { node { id method budget } } pageInfo { hasNextPage } } }' }),
    expect: ANALYST_ADMIN,
  },
  'Query.allocationSimulation': {
    query: () => ({ query: '{ allocationSimulation(id: "1") { id status } }' }),
    expect: ANALYST_ADMIN,
  },
  'Mutation.applyAllocation': {
    // no such simulation: the access check passes or refuses before anything is looked up
    query: () => ({ query: 'mutation { applyAllocation(simulationId: "999999999") { decisionsWritten } }' }),
    expect: ADMIN_ONLY,
    allowedErrors: ['NOT_FOUND'],
  },
};
