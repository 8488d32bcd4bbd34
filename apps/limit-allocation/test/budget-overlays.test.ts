import { fixedClock, yuan } from '@jc/domain';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { NO_OVERLAYS } from '../src/model/drawn-floor';
import { DEFAULT_POLICY } from '../src/model/policy';
import { withinBudget } from '../src/model/portfolio';
import { createLimitAllocationServer } from '../src';
import { startLimitSubgraph, stopLimitSubgraph } from './support/subgraph';

/** The default policy's grid. */
const STEP = DEFAULT_POLICY.step;

const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: SubgraphServer;

const exec = (query: string, variables: Record<string, unknown> = {}) => server.execute({ query, variables }, testPrincipals.admin);
const UPLIFT = `mutation ($i: AddUpliftInput!) { addUplift(input: $i) { id } }`;
const CAMPAIGN = `mutation ($i: CreateUpliftCampaignInput!) { createUpliftCampaign(input: $i) { linesTouched } }`;
const BUDGET = `mutation ($b: Money) { setPortfolioBudget(input: { exposureBudget: $b }) { exposureBudget } }`;
const LINES = ['c_00000000000d0001', 'c_00000000000d0002'];
const uplift = (customerId: string, amount: string, endsAt = '2026-12-30T00:00:00Z') => ({
  i: { customerId, products: ['PAY_LATER'], amount, startsAt: '2026-11-30T00:00:00Z', endsAt, reason: 'peak' },
});
const uplifts = async () => (await database.dataSource.query(`SELECT count(*)::int AS n FROM uplifts`))[0].n as number;

beforeAll(async () => {
  ({ database, server } = await startLimitSubgraph(clock));
  for (const id of LINES) {
    const open = await exec(`mutation { openCreditLine(input: { customerId: "${id}", jointLimit: "10000.00", cashLoanLimit: "5000.00", payLaterLimit: "5000.00" }) { status } }`);
    expect(open.errors).toBeUndefined();
  }
});
afterAll(() => stopLimitSubgraph(server, database));
afterEach(() => exec(BUDGET, { b: null }));

it('trims a base increase by what running overlays already take (domain)', () => {
  const decision = { after: { jointLimit: yuan(15_000), cashLoanLimit: yuan(8_000), payLaterLimit: yuan(8_000), cashLoanApr: 0.18, payLaterApr: 0, tier: 'STANDARD' as const, cashLoanDrawsFrozen: false }, reasons: [] };
  const trimmed = withinBudget(decision, { jointLimit: yuan(10_000), cashLoanLimit: yuan(5_000), payLaterLimit: yuan(5_000) }, NO_OVERLAYS, { exposureBudget: yuan(100_000), granted: yuan(95_000), overlays: yuan(2_000) }, STEP);
  expect(trimmed.after.jointLimit).toBe(yuan(13_000));
  expect(trimmed.reasons).toContain('PORTFOLIO_BUDGET_TRIMMED');
});

it('counts the overlays already running: a second uplift that fits alone is refused beside the first', async () => {
  // granted 20,000; budget 21,000 leaves room for one 1,000 overlay, not two
  await exec(BUDGET, { b: '21000.00' });
  expect((await exec(UPLIFT, uplift(LINES[0]!, '1000.00'))).errors).toBeUndefined();
  const before = await uplifts();
  const second = await exec(UPLIFT, uplift(LINES[1]!, '0.01'));
  expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(second.errors?.[0]?.message).toContain('PORTFOLIO_BUDGET_EXHAUSTED');
  const campaign = await exec(CAMPAIGN, { i: { name: 'beside', products: ['PAY_LATER'], amount: '0.01', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z' } });
  expect(campaign.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(await uplifts()).toBe(before);
});

it('reports the exposure the database checks: base limits plus running overlays, so budgetUsed reaches 1 where increases stop', async () => {
  // 20,000 granted plus the 1,000 overlay above
  const set = await exec(`mutation { setPortfolioBudget(input: { exposureBudget: "21000.00" }) { exposureBudget grantedExposure } }`);
  expect(set.data!.setPortfolioBudget).toEqual({ exposureBudget: '21000.00', grantedExposure: '21000.00' });
  const summary = await exec(`{ portfolioSummary { grantedExposure exposureBudget budgetUsed } }`);
  expect(summary.data!.portfolioSummary).toEqual({ grantedExposure: '21000.00', exposureBudget: '21000.00', budgetUsed: 1 });
  expect((await exec(UPLIFT, uplift(LINES[1]!, '0.01'))).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  await exec(BUDGET, { b: '42000.00' });
  expect((await exec(`{ portfolioSummary { budgetUsed } }`)).data!.portfolioSummary.budgetUsed).toBe(0.5);
});

it('counts the running overlays against base-limit increases in the database as well', async () => {
  // 20,000 granted plus the 1,000 overlay above: a budget of 21,000 has no room for one more fen
  await exec(BUDGET, { b: '21000.00' });
  await expect(database.dataSource.query(`UPDATE credit_lines SET joint_limit = joint_limit + 1 WHERE customer_id = $1`, [LINES[1]])).rejects.toThrow(/portfolio_budget_exceeded/);
  await exec(BUDGET, { b: '21000.01' });
  await database.dataSource.query(`UPDATE credit_lines SET joint_limit = joint_limit + 1 WHERE customer_id = $1`, [LINES[1]]);
  await database.dataSource.query(`UPDATE credit_lines SET joint_limit = joint_limit - 1 WHERE customer_id = $1`, [LINES[1]]);
});

it('no longer counts an overlay once it has ended', async () => {
  const ended = await exec(UPLIFT, uplift(LINES[1]!, '500.00', '2026-11-30T09:00:00Z'));
  expect(ended.errors).toBeUndefined();
  await exec(BUDGET, { b: '21000.00' });
  const later = fixedClock('2026-11-30T10:00:00Z');
  const afterEnd = await createLimitAllocationServer({ database, clock: later, internalSecret: TEST_INTERNAL_SECRET });
  // at 10:00 only the 1,000 overlay runs, so 20,000 + 1,000 is exactly the budget and nothing more fits
  const res = await afterEnd.execute({ query: UPLIFT, variables: { i: { ...uplift(LINES[1]!, '0.01').i, startsAt: '2026-11-30T10:00:00Z' } } }, testPrincipals.admin);
  expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  await exec(BUDGET, { b: '21000.01' });
  const fits = await afterEnd.execute({ query: UPLIFT, variables: { i: { ...uplift(LINES[1]!, '0.01').i, startsAt: '2026-11-30T10:00:00Z' } } }, testPrincipals.admin);
  expect(fits.errors).toBeUndefined();
});

it('lets only as many concurrent uplifts through as the budget has room for', async () => {
  const [{ taken }] = await database.dataSource.query(`SELECT (granted + portfolio_overlay_exposure($1))::bigint AS taken FROM portfolio_budget`, [clock.now()]);
  // room for exactly five overlays of 100 CNY
  await exec(BUDGET, { b: ((Number(taken) + yuan(500)) / 100).toFixed(2) });
  const before = await uplifts();
  const results = await Promise.all(Array.from({ length: 20 }, (_, k) => exec(UPLIFT, uplift(LINES[k % 2]!, '100.00'))));
  expect(results.filter((r) => !r.errors).length).toBe(5);
  expect(results.filter((r) => r.errors).every((r) => r.errors![0]!.extensions?.code === 'CONFLICT')).toBe(true);
  expect(await uplifts()).toBe(before + 5);
});
