import { fixedClock, yuan } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { DEFAULT_POLICY, type Decision } from '../src/model/policy';
import { NO_OVERLAYS } from '../src/model/drawn-floor';
import { withinBudget } from '../src/model/portfolio';
import { useLimitSubgraph } from './support/subgraph';

/** The default policy's grid. */
const STEP = DEFAULT_POLICY.step;

describe('the budget check (domain)', () => {
  const decision = (jointLimit: number): Decision => ({
    after: { jointLimit, cashLoanLimit: jointLimit, payLaterLimit: yuan(3_000), cashLoanApr: 0.18, payLaterApr: 0.15, tier: 'STANDARD', cashLoanDrawsFrozen: false },
    reasons: ['ACTIVE_CASH_LOAN_RAISED'],
  });
  const line = (jointLimit: number) => ({ jointLimit, cashLoanLimit: jointLimit, payLaterLimit: yuan(3_000) });

  it('passes an increase that fits, trims one that does not, and holds the limit when nothing is left', () => {
    const budget = { exposureBudget: yuan(100_000), granted: yuan(95_000), overlays: 0 };
    expect(withinBudget(decision(yuan(14_000)), line(yuan(10_000)), NO_OVERLAYS, budget, STEP)).toEqual(decision(yuan(14_000)));
    const trimmed = withinBudget(decision(yuan(20_000)), line(yuan(10_000)), NO_OVERLAYS, budget, STEP);
    expect(trimmed.after).toMatchObject({ jointLimit: yuan(15_000), cashLoanLimit: yuan(15_000), payLaterLimit: yuan(3_000) });
    expect(trimmed.reasons).toEqual(['ACTIVE_CASH_LOAN_RAISED', 'PORTFOLIO_BUDGET_TRIMMED']);
    const none = withinBudget(decision(yuan(20_000)), line(yuan(10_000)), NO_OVERLAYS, { exposureBudget: yuan(90_000), granted: yuan(95_000), overlays: 0 }, STEP);
    expect(none.after.jointLimit).toBe(yuan(10_000));
    expect(none.reasons).toContain('PORTFOLIO_BUDGET_EXHAUSTED');
  });

  it('trims in whole policy steps: less than a step left is no increase', () => {
    const odd = withinBudget(decision(yuan(60_000)), line(yuan(10_000)), NO_OVERLAYS, { exposureBudget: yuan(100_000) + 12_345, granted: yuan(95_000), overlays: 0 }, STEP);
    expect(odd.after).toMatchObject({ jointLimit: yuan(15_100), cashLoanLimit: yuan(15_100) });
    const crumbs = withinBudget(decision(yuan(60_000)), line(yuan(10_000)), NO_OVERLAYS, { exposureBudget: yuan(95_000) + 5_000, granted: yuan(95_000), overlays: 0 }, STEP);
    expect(crumbs.after.jointLimit).toBe(yuan(10_000));
    expect(crumbs.reasons).toContain('PORTFOLIO_BUDGET_EXHAUSTED');
  });

  it('never touches a decrease or a book without a budget', () => {
    expect(withinBudget(decision(yuan(5_000)), line(yuan(10_000)), NO_OVERLAYS, { exposureBudget: 0, granted: yuan(1), overlays: 0 }, STEP)).toEqual(decision(yuan(5_000)));
    expect(withinBudget(decision(yuan(50_000)), null, NO_OVERLAYS, { exposureBudget: null, granted: yuan(1e6), overlays: 0 }, STEP)).toEqual(decision(yuan(50_000)));
  });
});

describe('the portfolio through the subgraph', () => {
  const clock = fixedClock('2026-11-30T08:00:00Z');
  let database: Database;
  let server: SubgraphServer;
  useLimitSubgraph(clock, (s) => ({ database, server } = s));

  const exec = (query: string, variables: Record<string, unknown> = {}, who = testPrincipals.admin) => server.execute({ query, variables }, who);
  const open = (id: string, joint: string) =>
    exec(`mutation { openCreditLine(input: { customerId: "${id}", jointLimit: "${joint}", cashLoanLimit: "${joint}", payLaterLimit: "1000.00" }) { status } }`);
  const snapshot = (id: string, stage = 'ACTIVE', region = '44') =>
    exec(`mutation ($i: RiskSnapshotInput!) { recordRiskSnapshot(input: $i) { score } }`, {
      i: { customerId: id, score: 650, pd: 0.03, grade: 'B', lifecycleStage: stage, region, declaredIncome: '200000.00', behaviourValue: '1000.00',
        onTimeRepaymentMonths: 12, overdue: false, asOf: '2026-11-29T00:00:00Z' },
    });
  const DECIDE = `mutation ($id: ID!) { decideCreditLine(input: { customerId: $id }) { reasonCodes after { jointLimit } } }`;
  const BUDGET = `mutation ($b: Money) { setPortfolioBudget(input: { exposureBudget: $b }) { exposureBudget grantedExposure } }`;

  it('sums the book and checks every increase against the budget: trimmed, then refused with a reason', async () => {
    expect((await open('c_00000000000b0001', '10000.00')).errors).toBeUndefined();
    expect((await open('c_00000000000b0002', '10000.00')).errors).toBeUndefined();
    expect((await exec(BUDGET, { b: '25000.00' }, testPrincipals.service)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await exec(BUDGET, { b: '25000.00' })).data!.setPortfolioBudget).toEqual({ exposureBudget: '25000.00', grantedExposure: '20000.00' });

    await snapshot('c_00000000000b0003');
    const trimmed = (await exec(DECIDE, { id: 'c_00000000000b0003' })).data!.decideCreditLine;
    expect(trimmed.after.jointLimit).toBe('5000.00');
    expect(trimmed.reasonCodes).toContain('PORTFOLIO_BUDGET_TRIMMED');

    await snapshot('c_00000000000b0001');
    const held = (await exec(DECIDE, { id: 'c_00000000000b0001' })).data!.decideCreditLine;
    expect(held.after.jointLimit).toBe('10000.00');
    expect(held.reasonCodes).toContain('PORTFOLIO_BUDGET_EXHAUSTED');

    const refused = await open('c_00000000000b0004', '1000.00');
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain('PORTFOLIO_BUDGET_EXHAUSTED');
  });

  it('refuses an uplift whose added exposure would pass the budget, and adds one that fits', async () => {
    const UPLIFT = `mutation ($i: AddUpliftInput!) { addUplift(input: $i) { amount } }`;
    const i = { customerId: 'c_00000000000b0002', products: ['CASH_LOAN', 'PAY_LATER'], startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', reason: 'peak' };
    // granted 25,000 of 25,000: no room at all
    const over = await exec(UPLIFT, { i: { ...i, amount: '0.01' } });
    expect(over.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(over.errors?.[0]?.message).toContain('PORTFOLIO_BUDGET_EXHAUSTED');
    await exec(BUDGET, { b: '26000.00' });
    // x1.1 on 10,000 cash and 1,000 pay later adds at most 1,000 of joint exposure
    expect((await exec(UPLIFT, { i: { ...i, multiplier: 1.1 } })).errors).toBeUndefined();
    expect((await exec(UPLIFT, { i: { ...i, multiplier: 1.11 } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await database.dataSource.query(`SELECT count(*)::int AS n FROM uplifts`))[0].n).toBe(1);
    await exec(BUDGET, { b: '25000.00' });
  });

  it('the database refuses an increase past the budget whatever the code does, and lets decreases through', async () => {
    await expect(database.dataSource.query(`UPDATE credit_lines SET joint_limit = joint_limit + 1 WHERE customer_id = 'c_00000000000b0002'`)).rejects.toThrow(/portfolio_budget_exceeded/);
    await database.dataSource.query(`UPDATE credit_lines SET joint_limit = joint_limit - 100 WHERE customer_id = 'c_00000000000b0002'`);
    // 24,999 of base limits and the 1,000 overlay above
    expect((await exec(BUDGET, { b: null })).data!.setPortfolioBudget).toEqual({ exposureBudget: null, grantedExposure: '25999.00' });
  });

  it('gives exposure and utilisation by product, tier, stage and region with the budget use', async () => {
    await snapshot('c_00000000000b0002', 'NEW', '31');
    await exec(BUDGET, { b: '50000.00' });
    const auth = await exec(`mutation { authorize(input: { customerId: "c_00000000000b0002", product: PAY_LATER, amount: "250.00", idempotencyKey: "pf-1" }) { approved } }`);
    expect(auth.data!.authorize.approved).toBe(true);
    const res = await exec(`{ portfolioSummary {
      lines grantedExposure exposureBudget budgetUsed
      byProduct { product limit used held utilisation }
      byTier { key lines exposure }
      byStage { key lines exposure held }
      byRegion { key lines exposure utilisation } } }`, {}, testPrincipals.analyst);
    expect(res.errors).toBeUndefined();
    const s = res.data!.portfolioSummary;
    expect(s).toMatchObject({ lines: 3, grantedExposure: '25999.00', exposureBudget: '50000.00' });
    expect(s.budgetUsed).toBeCloseTo(0.51998, 5);
    expect(s.byProduct.find((p: any) => p.product === 'PAY_LATER')).toMatchObject({ limit: '7300.00', held: '250.00', utilisation: 250 / 7300 });
    expect(s.byStage).toEqual([
      { key: 'ACTIVE', lines: 2, exposure: '15000.00', held: '0.00' },
      { key: 'NEW', lines: 1, exposure: '9999.00', held: '250.00' },
    ]);
    expect(s.byRegion.map((r: any) => [r.key, r.lines])).toEqual([['31', 1], ['44', 2]]);
    expect(s.byTier.map((t: any) => t.key)).toEqual(['STANDARD']);
  });

  it('refuses a negative budget and changes nothing', async () => {
    const res = await exec(BUDGET, { b: '-1.00' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('input.exposureBudget');
    expect((await database.dataSource.query(`SELECT exposure_budget FROM portfolio_budget`))[0].exposure_budget).toBe('5000000');
  });
});
