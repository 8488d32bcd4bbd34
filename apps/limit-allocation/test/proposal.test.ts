import { fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { CreditLineRepository } from '../src/db/credit-line-repository';
import { useLimitSubgraph } from './support/subgraph';

const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: SubgraphServer;

useLimitSubgraph(clock, (s) => ({ database, server } = s));

const PROPOSAL = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id creditLineProposal {
  policyVersion direction reasonCodes terms { jointLimit cashLoanLimit payLaterLimit tier cashLoanDrawsFrozen } } } } }`;

/** A representation as the gateway sends it for the @requires fields: raw JSON, Money as strings. */
const rep = (id: string, patch: { stage?: string; pastDue?: number; profile?: null } = {}) => ({
  __typename: 'Customer',
  id,
  declaredAnnualIncome: '200000.00',
  creditProfile: patch.profile === null ? null : { score: 650, grade: 'B', probabilityOfDefault: 0.03, region: '44' },
  behaviour: {
    lifecycleStage: patch.stage ?? 'NEW',
    monthsSinceFirstUse: 8,
    currentDaysPastDue: patch.pastDue ?? 0,
    windows: [
      { days: 30, spend: '800.00', worstDaysPastDue: 0 },
      { days: 365, spend: '9000.00', worstDaysPastDue: patch.pastDue ?? 0 },
    ],
  },
});

const tables = async () =>
  JSON.stringify(await database.dataSource.query(`SELECT (SELECT count(*) FROM credit_lines) l, (SELECT count(*) FROM limit_decisions) d, (SELECT count(*) FROM risk_snapshots) s`));

it('proposes from the live score and behaviour in one batch and stores nothing', async () => {
  await server.execute({ query: `mutation { openCreditLine(input: { customerId: "c_00000000000d0002", jointLimit: "50000.00", cashLoanLimit: "40000.00", payLaterLimit: "20000.00" }) { status } }` }, testPrincipals.admin);
  const before = await tables();
  const spy = jest.spyOn(CreditLineRepository.prototype, 'linesAt');
  const res = await server.execute(
    { query: PROPOSAL, variables: { r: [rep('c_00000000000d0001'), rep('c_00000000000d0002', { stage: 'ACTIVE', pastDue: 35 }), rep('c_00000000000d0003', { profile: null })] } },
    testPrincipals.analyst,
  );
  expect(res.errors).toBeUndefined();
  const [fresh, overdue, unscored] = res.data!._entities;
  // 8 clean months since first use open the cash line for a NEW customer
  expect(fresh.creditLineProposal).toMatchObject({
    policyVersion: 2,
    direction: 'INCREASE',
    terms: { jointLimit: '60000.00', cashLoanLimit: '18000.00', payLaterLimit: '3000.00', tier: 'STANDARD', cashLoanDrawsFrozen: false },
  });
  expect(overdue.creditLineProposal).toMatchObject({ direction: 'DECREASE', terms: { tier: 'HIGH_RISK', cashLoanDrawsFrozen: true, jointLimit: '10000.00', cashLoanLimit: '10000.00' } });
  expect(overdue.creditLineProposal.reasonCodes).toEqual(expect.arrayContaining(['OVERDUE', 'HIGH_RISK_REDUCED']));
  expect(unscored.creditLineProposal).toBeNull();
  expect(spy).toHaveBeenCalledTimes(1);
  spy.mockRestore();
  expect(await tables()).toBe(before);
});

it('lets a customer see only their own proposal', async () => {
  const own = await server.execute({ query: PROPOSAL, variables: { r: [rep('c_00000000000d0001')] } }, testPrincipals.customer('c_00000000000d0001'));
  expect(own.errors).toBeUndefined();
  const other = await server.execute({ query: PROPOSAL, variables: { r: [rep('c_00000000000d0001')] } }, testPrincipals.customer('c_00000000000d0009'));
  expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
