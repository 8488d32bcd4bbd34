import { fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { startLimitSubgraph, stopLimitSubgraph } from './support/subgraph';

const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: SubgraphServer;

const exec = (query: string, variables: Record<string, unknown> = {}, who = testPrincipals.admin) => server.execute({ query, variables }, who);

// four lines: only the first is ACTIVE, grade B or better, in region 44
const customers = [
  { id: 'c_00000000000ca001', stage: 'ACTIVE', grade: 'B', region: '44' },
  { id: 'c_00000000000ca002', stage: 'ACTIVE', grade: 'C', region: '44' },
  { id: 'c_00000000000ca003', stage: 'NEW', grade: 'A', region: '44' },
  { id: 'c_00000000000ca004', stage: 'ACTIVE', grade: 'A', region: '31' },
];

beforeAll(async () => {
  ({ database, server } = await startLimitSubgraph(clock));
  for (const c of customers) {
    const open = await exec(`mutation { openCreditLine(input: { customerId: "${c.id}", jointLimit: "10000.00", cashLoanLimit: "6000.00", payLaterLimit: "4000.00" }) { status } }`);
    expect(open.errors).toBeUndefined();
    const snap = await exec(`mutation ($i: RiskSnapshotInput!) { recordRiskSnapshot(input: $i) { score } }`, {
      i: { customerId: c.id, score: 650, pd: 0.03, grade: c.grade, lifecycleStage: c.stage, region: c.region, declaredIncome: '100000.00',
        behaviourValue: '1000.00', onTimeRepaymentMonths: 3, overdue: false, asOf: '2026-11-29T00:00:00Z' },
    });
    expect(snap.errors).toBeUndefined();
  }
});
afterAll(() => stopLimitSubgraph(server, database));

const CREATE = `mutation ($i: CreateUpliftCampaignInput!) { createUpliftCampaign(input: $i) { id name products amount multiplier linesTouched createdBy eligibility { stages minGrade regions tiers } } }`;
const PAY_LATER = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { creditLine { effectiveJointLimit payLater { limit effectiveLimit } } } } }`;
const payLaterOf = async (id: string) => (await exec(PAY_LATER, { r: [{ __typename: 'Customer', id }] })).data!._entities[0].creditLine;
const peak = { name: '11.11', products: ['PAY_LATER'], multiplier: 1.5, startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-11-30T12:00:00Z', eligibility: { stages: ['ACTIVE'], minGrade: 'B', regions: ['44'] } };

it('overlays every eligible line and only those; the overlay ends by itself', async () => {
  const res = await exec(CREATE, { i: peak });
  expect(res.errors).toBeUndefined();
  expect(res.data!.createUpliftCampaign).toMatchObject({
    name: '11.11', products: ['PAY_LATER'], amount: null, multiplier: 1.5, linesTouched: 1, createdBy: 'test-admin',
    eligibility: { stages: ['ACTIVE'], minGrade: 'B', regions: ['44'], tiers: null },
  });
  expect(await payLaterOf(customers[0]!.id)).toEqual({ effectiveJointLimit: '12000.00', payLater: { limit: '4000.00', effectiveLimit: '6000.00' } });
  for (const c of customers.slice(1)) expect((await payLaterOf(c.id)).payLater.effectiveLimit).toBe('4000.00');
  clock.set('2026-11-30T12:00:00Z');
  try {
    expect(await payLaterOf(customers[0]!.id)).toEqual({ effectiveJointLimit: '10000.00', payLater: { limit: '4000.00', effectiveLimit: '4000.00' } });
  } finally {
    clock.set('2026-11-30T08:00:00Z');
  }
});

it('with no criteria reaches every active line; campaigns lists them newest first with their counts', async () => {
  await database.dataSource.query(`UPDATE credit_lines SET status = 'FROZEN' WHERE customer_id = $1`, [customers[3]!.id]);
  const all = await exec(CREATE, { i: { name: 'spring', products: ['CASH_LOAN', 'PAY_LATER'], amount: '500.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z' } });
  expect(all.data!.createUpliftCampaign.linesTouched).toBe(3);
  const list = await exec(`{ campaigns(first: 1) { edges { node { name linesTouched } } pageInfo { hasNextPage endCursor } } }`, {}, testPrincipals.analyst);
  expect(list.data!.campaigns.edges.map((e: any) => e.node)).toEqual([{ name: 'spring', linesTouched: 3 }]);
  const next = await exec(`query ($a: String) { campaigns(first: 5, after: $a) { edges { node { name linesTouched } } } }`, { a: list.data!.campaigns.pageInfo.endCursor }, testPrincipals.analyst);
  expect(next.data!.campaigns.edges.map((e: any) => e.node)).toEqual([{ name: '11.11', linesTouched: 1 }]);
});

it.each([
  ['an empty name', { name: ' ' }, 'input.name'],
  ['no products', { products: [] }, 'input.products'],
  ['both amount and multiplier', { amount: '10.00' }, 'input.amount'],
  ['an end before the start', { endsAt: '2026-11-29T00:00:00Z' }, 'input.endsAt'],
  ['a bad region', { eligibility: { regions: ['Guangdong'] } }, 'input.eligibility.regions'],
  ['an empty stage list', { eligibility: { stages: [] } }, 'input.eligibility.stages'],
])('refuses %s with BAD_USER_INPUT and touches nothing', async (_name, patch, path) => {
  const before = await database.dataSource.query(`SELECT (SELECT count(*) FROM campaigns) AS c, (SELECT count(*) FROM uplifts) AS u`);
  const res = await exec(CREATE, { i: { ...peak, ...patch } });
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0]?.message).toContain(path);
  expect(await database.dataSource.query(`SELECT (SELECT count(*) FROM campaigns) AS c, (SELECT count(*) FROM uplifts) AS u`)).toEqual(before);
});

it('is refused whole when its added exposure would pass the portfolio budget', async () => {
  // the overlays of the earlier campaigns are still running and count against the budget too
  const [{ granted }] = await database.dataSource.query(`SELECT (granted + portfolio_overlay_exposure($1))::bigint AS granted FROM portfolio_budget`, [clock.now()]);
  const count = async () => (await database.dataSource.query(`SELECT (SELECT count(*) FROM campaigns) AS c, (SELECT count(*) FROM uplifts) AS u`))[0];
  // three active lines: 500 CNY each fits a budget 1,500 above the granted base limits and running overlays, 500.01 does not
  await exec(`mutation { setPortfolioBudget(input: { exposureBudget: "${(Number(granted) / 100 + 1500).toFixed(2)}" }) { exposureBudget } }`);
  const before = await count();
  const over = await exec(CREATE, { i: { name: 'too big', products: ['PAY_LATER'], amount: '500.01', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z' } });
  expect(over.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(over.errors?.[0]?.message).toContain('PORTFOLIO_BUDGET_EXHAUSTED');
  expect(await count()).toEqual(before);
  const fits = await exec(CREATE, { i: { name: 'fits', products: ['PAY_LATER'], amount: '500.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z' } });
  expect(fits.data!.createUpliftCampaign.linesTouched).toBe(3);
  await exec(`mutation { setPortfolioBudget(input: { exposureBudget: null }) { grantedExposure } }`);
});

it('names on each line only the products open on it: a campaign never opens a product the policy keeps closed', async () => {
  // a NEW customer gets PAY_LATER first; CASH_LOAN opens only after a run of on-time months, not for a festival
  const fresh = 'c_00000000000ca005';
  expect((await exec(`mutation { openCreditLine(input: { customerId: "${fresh}", jointLimit: "3000.00", cashLoanLimit: "0.00", payLaterLimit: "3000.00" }) { status } }`)).errors).toBeUndefined();
  expect((await exec(`mutation ($i: RiskSnapshotInput!) { recordRiskSnapshot(input: $i) { score } }`, {
    i: { customerId: fresh, score: 650, pd: 0.03, grade: 'A', lifecycleStage: 'NEW', region: '44', declaredIncome: '100000.00',
      behaviourValue: '1000.00', onTimeRepaymentMonths: 0, overdue: false, asOf: '2026-11-29T00:00:00Z' },
  })).errors).toBeUndefined();
  const both = await exec(CREATE, { i: { name: 'new year', products: ['CASH_LOAN', 'PAY_LATER'], amount: '500.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', eligibility: { stages: ['NEW'] } } });
  expect(both.errors).toBeUndefined();
  // the other NEW line (customers[2]) has both products open
  expect(both.data!.createUpliftCampaign).toMatchObject({ products: ['CASH_LOAN', 'PAY_LATER'], linesTouched: 2 });
  const LINE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { creditLine { cashLoan { effectiveLimit available } payLater { effectiveLimit } } } } }`;
  const lineOf = async (id: string) => (await exec(LINE, { r: [{ __typename: 'Customer', id }] })).data!._entities[0].creditLine;
  expect(await lineOf(fresh)).toEqual({ cashLoan: { effectiveLimit: '0.00', available: '0.00' }, payLater: { effectiveLimit: '3500.00' } });
  const draw = await exec(`mutation { authorize(input: { customerId: "${fresh}", product: CASH_LOAN, amount: "100.00", idempotencyKey: "campaign-cash-1" }) { approved declineReason } }`);
  expect(draw.data!.authorize).toEqual({ approved: false, declineReason: 'PRODUCT_CLOSED' });
  // a campaign naming only closed products passes such a line by
  const cashOnly = await exec(CREATE, { i: { name: 'cash week', products: ['CASH_LOAN'], amount: '500.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', eligibility: { stages: ['NEW'] } } });
  expect(cashOnly.data!.createUpliftCampaign.linesTouched).toBe(1);
  expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM uplifts WHERE customer_id = $1`, [fresh])).toEqual([{ n: 1 }]);
});

describe('a retried campaign request', () => {
  const overlays = async () => Number((await database.dataSource.query(`SELECT count(*) AS n FROM uplifts`))[0].n);
  const campaigns = async () => Number((await database.dataSource.query(`SELECT count(*) AS n FROM campaigns`))[0].n);
  const keyed = { ...peak, name: 'retried', idempotencyKey: 'campaign-2026-11-30-001' };

  it('with the same key and request gives back the campaign it made, without overlaying the lines again', async () => {
    const first = await exec(CREATE, { i: keyed });
    expect(first.errors).toBeUndefined();
    const [lines, made] = [await overlays(), await campaigns()];
    // the same request with its lists in another order
    const again = await exec(CREATE, { i: { ...keyed, eligibility: { ...keyed.eligibility, regions: ['44'], stages: ['ACTIVE'] } } });
    expect(again.errors).toBeUndefined();
    expect(again.data!.createUpliftCampaign.id).toBe(first.data!.createUpliftCampaign.id);
    expect([await overlays(), await campaigns()]).toEqual([lines, made]);
  });

  it('sent twice at once makes one campaign, which both get back', async () => {
    const made = await campaigns();
    const twice = await Promise.all([0, 1].map(() => exec(CREATE, { i: { ...keyed, idempotencyKey: 'campaign-2026-11-30-002' } })));
    for (const r of twice) expect(r.errors).toBeUndefined();
    expect(twice[0]!.data!.createUpliftCampaign.id).toBe(twice[1]!.data!.createUpliftCampaign.id);
    expect(await campaigns()).toBe(made + 1);
  });

  it('with the same key and another request is refused, and a malformed key is bad input; nothing is written', async () => {
    const [lines, made] = [await overlays(), await campaigns()];
    const other = await exec(CREATE, { i: { ...keyed, multiplier: 2 } });
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const malformed = await exec(CREATE, { i: { ...keyed, idempotencyKey: 'has spaces' } });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0]?.message).toMatch(/idempotencyKey/);
    expect([await overlays(), await campaigns()]).toEqual([lines, made]);
  });
});
