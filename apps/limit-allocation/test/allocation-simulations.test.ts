import { fixedClock, formatMoney, parseMoney } from '@jc/domain';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type ExecuteResult, type SubgraphServer } from '@jc/subgraph-kit';
import { createLimitAllocationServer, openLimitTestDatabase } from '../src';
import { exposureOf, type AllocationLine } from '../src/model/allocation-portfolio';
import type { AllocationService } from '../src/services/allocation-service';
import { allocationService, seedAllocationLines } from './support/allocation-fixtures';
import { syntheticLines } from './support/synthetic-lines';

const clock = fixedClock('2026-11-30T08:00:00Z');
const lines = syntheticLines(400, 5, new Date('2026-11-01T00:00:00Z'));
const frozen: AllocationLine = { ...lines[0]!, customerId: 'c_f000000000000001', status: 'FROZEN', snapshot: null };
const book = [...lines, frozen];
const exposure = book.reduce((s, l) => s + exposureOf(l), 0);
const money = (fen: number) => formatMoney(fen);


const TOTALS = `lines exposure expectedProfit expectedLoss linesRaised linesLowered linesUnchanged`;
const SIMULATE = `mutation ($i: SimulateAllocationInput!) { simulateAllocation(input: $i) {
  id method policyVersion budget status createdBy createdAt appliedAt
  challenger { ${TOTALS} } champion { ${TOTALS} } segments { dimension key challenger { lines exposure } champion { lines exposure } } } }`;
const APPLY = `mutation ($id: ID!) { applyAllocation(simulationId: $id) { decisionsWritten linesRaised linesLowered linesSkipped simulation { id status appliedAt } } }`;

describe('allocation simulations through the subgraph', () => {
  let database: Database;
  let server: SubgraphServer;
  let service: AllocationService;
  beforeAll(async () => {
    database = await openLimitTestDatabase();
    await seedAllocationLines(database.dataSource, book, clock.now());
    server = await createLimitAllocationServer({ database, clock, internalSecret: TEST_INTERNAL_SECRET });
    service = allocationService(database, clock);
  });
  afterAll(async () => (server ? server.stop() : database?.close()));

  const exec = async (query: string, variables: Record<string, unknown> = {}, who = testPrincipals.admin) => server.execute({ query, variables }, who);
  const count = async (sql: string) => Number((await database.dataSource.query(sql))[0].n);
  const written = async () => ({
    simulations: await count(`SELECT count(*) AS n FROM allocation_simulations`),
    decisions: await count(`SELECT count(*) AS n FROM limit_decisions`),
    events: await count(`SELECT count(*) AS n FROM event_outbox`),
    granted: await count(`SELECT granted AS n FROM portfolio_budget`),
  });
  const codeOf = (r: ExecuteResult) => r.errors?.[0]?.extensions?.code;

  it('simulates without changing the book: totals, champion and segments, readable afterwards', async () => {
    const before = await written();
    const budget = money(Math.round(exposure * 1.02));
    const r = await exec(SIMULATE, { i: { method: 'OPTIMISER', budget } }, testPrincipals.analyst);
    expect(r.errors).toBeUndefined();
    const sim = r.data!.simulateAllocation;
    expect(sim).toMatchObject({ method: 'OPTIMISER', policyVersion: null, budget, status: 'SIMULATED', appliedAt: null, createdAt: '2026-11-30T08:00:00.000Z' });
    for (const side of [sim.challenger, sim.champion]) {
      expect(side.lines).toBe(book.length);
      expect(parseMoney(side.exposure)).toBeLessThanOrEqual(parseMoney(budget));
    }
    expect(sim.challenger.linesRaised + sim.challenger.linesLowered).toBeGreaterThan(0);
    expect(parseMoney(sim.challenger.expectedProfit)).toBeGreaterThanOrEqual(parseMoney(sim.champion.expectedProfit));
    expect(new Set(sim.segments.map((s: { dimension: string }) => s.dimension))).toEqual(new Set(['TIER', 'STAGE', 'REGION']));
    expect(await written()).toEqual({ ...before, simulations: before.simulations + 1 });

    const again = await exec(`query ($id: ID!) { allocationSimulation(id: $id) { id status challenger { ${TOTALS} } } }`, { id: sim.id }, testPrincipals.analyst);
    expect(again.data!.allocationSimulation).toEqual({ id: sim.id, status: 'SIMULATED', challenger: sim.challenger });
    expect((await exec(`{ allocationSimulation(id: "999999") { id } }`)).data!.allocationSimulation).toBeNull();
  });

  it('OPTIMISER held to no more expected loss than the champion, or to a cap given, and says what it cost', async () => {
    const budget = money(Math.round(exposure * 1.05));
    const capOf = `expectedLossCap { max floor shadowPrice }`;
    const query = SIMULATE.replace('createdAt appliedAt', `createdAt appliedAt ${capOf}`);
    const free = (await exec(query, { i: { method: 'OPTIMISER', budget } }, testPrincipals.analyst)).data!.simulateAllocation;
    expect(free.expectedLossCap).toBeNull();
    expect(parseMoney(free.challenger.expectedLoss)).toBeGreaterThan(parseMoney(free.champion.expectedLoss));

    const r = await exec(query, { i: { method: 'OPTIMISER', budget, expectedLossAtMostChampion: true } }, testPrincipals.analyst);
    expect(r.errors).toBeUndefined();
    const held = r.data!.simulateAllocation;
    expect(parseMoney(held.challenger.expectedLoss)).toBeLessThanOrEqual(parseMoney(held.champion.expectedLoss));
    expect(parseMoney(held.challenger.expectedProfit)).toBeGreaterThanOrEqual(parseMoney(held.champion.expectedProfit));
    expect(parseMoney(held.challenger.expectedProfit)).toBeLessThan(parseMoney(free.challenger.expectedProfit));
    expect(held.expectedLossCap).toMatchObject({ max: held.champion.expectedLoss });
    expect(held.expectedLossCap.shadowPrice).toBeGreaterThan(0);
    expect(parseMoney(held.expectedLossCap.floor)).toBeLessThanOrEqual(parseMoney(held.expectedLossCap.max));

    // a tighter cap of its own, read back with the simulation
    const tighter = money(Math.round((parseMoney(held.expectedLossCap.floor) + parseMoney(held.champion.expectedLoss)) / 2));
    const capped = (await exec(query, { i: { method: 'OPTIMISER', budget, maxExpectedLoss: tighter, expectedLossAtMostChampion: true } })).data!.simulateAllocation;
    expect(parseMoney(capped.challenger.expectedLoss)).toBeLessThanOrEqual(parseMoney(tighter));
    expect(capped.expectedLossCap.max).toBe(tighter);
    const again = await exec(`query ($id: ID!) { allocationSimulation(id: $id) { ${capOf} } }`, { id: capped.id }, testPrincipals.analyst);
    expect(again.data!.allocationSimulation.expectedLossCap).toEqual(capped.expectedLossCap);
  });

  it('OPTIMISER under segment budgets: each budgeted segment stays within its own, and says so', async () => {
    const budget = money(Math.round(exposure * 1.1));
    const query = SIMULATE.replace('segments { dimension key', 'segments { dimension key budget');
    const free = (await exec(query, { i: { method: 'OPTIMISER', budget } })).data!.simulateAllocation;
    const tiers = free.segments.filter((s: { dimension: string }) => s.dimension === 'TIER');
    const segmentBudgets = (key: string, amount: string) => ({ dimension: 'TIER', budgets: [{ key, budget: amount }] });
    // a budget of nothing is refused with the segment's minimum: hold a tier halfway between that and what it took
    const room = await Promise.all(
      tiers.map(async (t: { key: string; challenger: { exposure: string } }) => {
        const refusal = await exec(query, { i: { method: 'OPTIMISER', budget, segmentBudgets: segmentBudgets(t.key, '0.00') } });
        const minimum = parseMoney(/minimum feasible budget (\d+\.\d{2})/.exec(refusal.errors![0]!.message)![1]!);
        return { key: t.key, minimum, took: parseMoney(t.challenger.exposure) };
      }),
    );
    const grown = room.reduce((a, b) => (b.took - b.minimum > a.took - a.minimum ? b : a));
    expect(grown.took).toBeGreaterThan(grown.minimum);
    const cap = Math.round((grown.minimum + grown.took) / 2);
    const r = await exec(query, { i: { method: 'OPTIMISER', budget, segmentBudgets: segmentBudgets(grown.key, money(cap)) } });
    expect(r.errors).toBeUndefined();
    const sim = r.data!.simulateAllocation;
    const heldTier = sim.segments.find((s: { dimension: string; key: string }) => s.dimension === 'TIER' && s.key === grown.key);
    expect(heldTier.budget).toBe(money(cap));
    expect(parseMoney(heldTier.challenger.exposure)).toBeLessThanOrEqual(cap);
    expect(sim.segments.filter((s: { budget: string | null }) => s.budget !== null)).toHaveLength(1);
    expect(parseMoney(sim.challenger.expectedProfit)).toBeLessThan(parseMoney(free.challenger.expectedProfit));
  });

  it('POLICY: the current policy by default, a named version, and the champion beside it', async () => {
    const r = await exec(SIMULATE, { i: { method: 'POLICY', budget: money(exposure * 2) } });
    expect(r.data!.simulateAllocation.policyVersion).toBe(2);
    expect(r.data!.simulateAllocation.challenger).toEqual(r.data!.simulateAllocation.champion);
  });

  it.each([
    ['a budget below the minimum feasible budget', { method: 'OPTIMISER', budget: '1.00' }, /input\.budget: below the minimum feasible budget \d+\.\d{2}/],
    ['an unknown policy version', { method: 'POLICY', policyVersion: 99, budget: money(exposure) }, /no policy version 99/],
    ['a policy version with the optimiser', { method: 'OPTIMISER', policyVersion: 1, budget: money(exposure) }, /input\.policyVersion: only with method POLICY/],
    ['a negative budget', { method: 'OPTIMISER', budget: '-5.00' }, /input\.budget/],
    ['an unknown region', { method: 'OPTIMISER', budget: money(exposure), filter: { regions: ['99'] } }, /input\.filter\.regions\[0\]: not a province code/],
    ['an expected-loss cap below the floors', { method: 'OPTIMISER', budget: money(exposure), maxExpectedLoss: '0.00' }, /input\.maxExpectedLoss: below the minimum \d+\.\d{2}/],
    ['a negative expected-loss cap', { method: 'OPTIMISER', budget: money(exposure), maxExpectedLoss: '-1.00' }, /input\.maxExpectedLoss: must be whole fen, not negative/],
    ['an expected-loss cap with a policy', { method: 'POLICY', budget: money(exposure), maxExpectedLoss: '100.00' }, /input\.maxExpectedLoss: only with method OPTIMISER/],
    ['a segment budget below its floors', { method: 'OPTIMISER', budget: money(exposure * 2), segmentBudgets: { dimension: 'TIER', budgets: [{ key: 'STANDARD', budget: '1.00' }] } }, /input\.segmentBudgets\.budgets\[0\]\.budget: below segment STANDARD's minimum feasible budget \d+\.\d{2}/],
    ['a segment key of another dimension', { method: 'OPTIMISER', budget: money(exposure), segmentBudgets: { dimension: 'STAGE', budgets: [{ key: 'STANDARD', budget: '1.00' }] } }, /input\.segmentBudgets\.budgets\[0\]\.key: must be one of NEW/],
    ['a segment given twice', { method: 'OPTIMISER', budget: money(exposure), segmentBudgets: { dimension: 'REGION', budgets: [{ key: '11', budget: '1.00' }, { key: '11', budget: '2.00' }] } }, /input\.segmentBudgets\.budgets\[1\]\.key: 11 is given twice/],
    ['segment budgets with a policy', { method: 'POLICY', budget: money(exposure), segmentBudgets: { dimension: 'TIER', budgets: [{ key: 'STANDARD', budget: '1.00' }] } }, /input\.segmentBudgets: only with method OPTIMISER/],
    ['the champion loss cap with a policy', { method: 'POLICY', budget: money(exposure), expectedLossAtMostChampion: true }, /input\.expectedLossAtMostChampion: only with method OPTIMISER/],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, input, message) => {
    const before = await written();
    const r = await exec(SIMULATE, { i: input });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(message);
    expect(await written()).toEqual(before);
  });

  it.each([
    ['a negative rate', { fundingRate: -0.02 }, /input\.settings\.fundingRate: must be within \[0, 1\]/],
    ['an LGD outside 0..1', { cashLoan: { lgd: 1.2 } }, /input\.settings\.cashLoan\.lgd: must be within \[0, 1\]/],
    ['a CCF outside 0..1', { payLater: { ccfCapital: 2 } }, /input\.settings\.payLater\.ccfCapital: must be within \[0, 1\]/],
    ['a pay-later revenue share outside 0..1', { payLaterRevenue: { instalmentShare: 1.5 } }, /input\.settings\.payLaterRevenue\.instalmentShare: must be within \[0, 1\]/],
    ['settings with a policy', { fundingRate: 0.03 }, /input\.settings: only with method OPTIMISER/, 'POLICY'],
  ])('refuses invalid optimiser economics (%s) with BAD_USER_INPUT and writes nothing', async (_name, settings, message, method = 'OPTIMISER') => {
    const before = await written();
    const r = await exec(SIMULATE, { i: { method, budget: money(exposure), settings } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(message);
    expect(await written()).toEqual(before);
  });

  it('runs the optimiser on the economics given and records them; defaults are recorded as none', async () => {
    const budget = money(Math.round(exposure * 1.05));
    const query = SIMULATE.replace('createdAt appliedAt', 'createdAt appliedAt settings { fundingRate cashLoan { lgd saturationMin } payLater { lgd } payLaterRevenue { instalmentShare } }');
    const base = (await exec(query, { i: { method: 'OPTIMISER', budget, settings: { cashLoan: { lgd: null } } } })).data!.simulateAllocation;
    expect(base.settings).toBeNull();
    const dearer = await exec(query, { i: { method: 'OPTIMISER', budget, settings: { fundingRate: 0.06, cashLoan: { lgd: 0.95, saturationMin: '3000.00' }, payLaterRevenue: { instalmentShare: 0.1 } } } });
    expect(dearer.errors).toBeUndefined();
    const sim = dearer.data!.simulateAllocation;
    expect(sim.settings).toEqual({ fundingRate: 0.06, cashLoan: { lgd: 0.95, saturationMin: '3000.00' }, payLater: null, payLaterRevenue: { instalmentShare: 0.1 } });
    // dearer funding and deeper losses earn less on the same lines, and the champion is judged by the same economics
    expect(parseMoney(sim.challenger.expectedProfit)).toBeLessThan(parseMoney(base.challenger.expectedProfit));
    expect(parseMoney(sim.champion.expectedProfit)).toBeLessThan(parseMoney(base.champion.expectedProfit));
    const again = await exec(`query ($id: ID!) { allocationSimulation(id: $id) { settings { fundingRate cashLoan { lgd saturationMin } payLater { lgd } payLaterRevenue { instalmentShare } } } }`, { id: sim.id });
    expect(again.data!.allocationSimulation.settings).toEqual(sim.settings);
  });

  it('only an ADMIN applies; an analyst simulates and reads', async () => {
    const sim = (await exec(SIMULATE, { i: { method: 'OPTIMISER', budget: money(exposure) } }, testPrincipals.analyst)).data!.simulateAllocation;
    expect(codeOf(await exec(APPLY, { id: sim.id }, testPrincipals.analyst))).toBe('FORBIDDEN');
    expect(codeOf(await exec(`{ allocationSimulations { edges { node { id } } } }`, {}, testPrincipals.customer(lines[1]!.customerId)))).toBe('FORBIDDEN');
  });

  it('applies exactly what was simulated, skips a line changed since, records decisions and events, and only once', async () => {
    const sim = (await exec(SIMULATE, { i: { method: 'OPTIMISER', budget: money(Math.round(exposure * 1.03)) } })).data!.simulateAllocation;
    const repo = (service as unknown as { repo: { proposals(id: string): Promise<any[]> } }).repo;
    const proposals = await repo.proposals(sim.id);
    expect(proposals.length).toBe(sim.challenger.linesRaised + sim.challenger.linesLowered);
    const [stale, ...rest] = proposals;
    await database.dataSource.query(`UPDATE credit_lines SET pay_later_limit = pay_later_limit + 10000, pay_later_ceiling = pay_later_ceiling + 10000 WHERE customer_id = $1`, [stale.customerId]);
    const before = await written();

    const r = await exec(APPLY, { id: sim.id });
    expect(r.errors).toBeUndefined();
    const applied = r.data!.applyAllocation;
    expect(applied.decisionsWritten).toBe(rest.length);
    expect(applied.linesSkipped).toBe(1);
    expect(applied.linesRaised + applied.linesLowered).toBe(rest.length);
    expect(applied.simulation).toEqual({ id: sim.id, status: 'APPLIED', appliedAt: '2026-11-30T08:00:00.000Z' });

    const rows: Record<string, any>[] = await database.dataSource.query(`SELECT customer_id, joint_limit, cash_loan_limit, pay_later_limit, cash_loan_used, pay_later_used FROM credit_lines`);
    const now = new Map(rows.map((x) => [x.customer_id, x]));
    for (const p of rest) {
      const l = now.get(p.customerId)!;
      expect([Number(l.joint_limit), Number(l.cash_loan_limit), Number(l.pay_later_limit)]).toEqual([p.after.jointLimit, p.after.cashLoanLimit, p.after.payLaterLimit]);
    }
    expect(Number(now.get(stale.customerId)!.pay_later_limit)).toBe(stale.before.payLaterLimit + 10000);
    const decisions: Record<string, any>[] = await database.dataSource.query(`SELECT customer_id, trigger, reason_codes, before, after FROM limit_decisions WHERE trigger = 'ALLOCATION'`);
    expect(decisions.length).toBe(rest.length);
    const lowered = decisions.filter((d) => d.after.cashLoanLimit < d.before.cashLoanLimit || d.after.payLaterLimit < d.before.payLaterLimit);
    expect(lowered.length).toBe(applied.linesLowered);
    expect(decisions.every((d) => d.reason_codes.length > 0)).toBe(true);
    const events: Record<string, any>[] = await database.dataSource.query(`SELECT type, envelope FROM event_outbox`);
    expect(events.length).toBe(before.events + rest.length);
    const event = events.find((e) => e.envelope.payload.customerId === rest[0]!.customerId)!;
    expect(event.type).toBe('limit.changed');
    expect(event.envelope.payload).toMatchObject({ jointLimit: rest[0]!.after.jointLimit, cashLoanLimit: rest[0]!.after.cashLoanLimit, reasonCodes: rest[0]!.reasonCodes, decidedAt: '2026-11-30T08:00:00.000Z' });
    const exposureNow = await count(`SELECT sum(joint_limit) AS n FROM credit_lines`);
    expect(await count(`SELECT granted AS n FROM portfolio_budget`)).toBe(exposureNow);

    const twice = await exec(APPLY, { id: sim.id });
    expect(codeOf(twice)).toBe('CONFLICT');
    expect(twice.errors![0]!.message).toMatch(/already applied/);
    expect(await count(`SELECT count(*) AS n FROM limit_decisions WHERE trigger = 'ALLOCATION'`)).toBe(rest.length);
  });

  it('refuses the whole application when the portfolio budget has no room left, and writes nothing', async () => {
    const sim = (await exec(SIMULATE, { i: { method: 'OPTIMISER', budget: money(Math.round(exposure * 1.2)) } })).data!.simulateAllocation;
    expect(sim.challenger.linesRaised).toBeGreaterThan(0);
    await database.dataSource.query(`UPDATE portfolio_budget SET exposure_budget = 0`);
    const before = await written();
    const r = await exec(APPLY, { id: sim.id });
    expect(codeOf(r)).toBe('CONFLICT');
    expect(r.errors![0]!.message).toMatch(/PORTFOLIO_BUDGET_EXHAUSTED/);
    expect(await written()).toEqual(before);
    expect((await exec(`query ($id: ID!) { allocationSimulation(id: $id) { status } }`, { id: sim.id })).data!.allocationSimulation.status).toBe('SIMULATED');
    await database.dataSource.query(`UPDATE portfolio_budget SET exposure_budget = NULL`);
  });

  it('lists simulations newest first, page by page; bad ids and cursors are BAD_USER_INPUT, unknown ones NOT_FOUND', async () => {
    const LIST = `query ($after: String) { allocationSimulations(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: ExecuteResult = await exec(LIST, { after }, testPrincipals.analyst);
      const conn: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = page.data!.allocationSimulations;
      ids.push(...conn.edges.map((e) => e.node.id));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    } while (after);
    expect(ids.length).toBe(await count(`SELECT count(*) AS n FROM allocation_simulations`));
    expect([...ids].sort((a, b) => Number(b) - Number(a))).toEqual(ids);
    expect(codeOf(await exec(LIST, { after: 'nonsense' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await exec(APPLY, { id: 'abc' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await exec(APPLY, { id: '424242' }))).toBe('NOT_FOUND');
    expect(codeOf(await exec(`{ allocationSimulation(id: "x") { id } }`))).toBe('BAD_USER_INPUT');
  });
});
