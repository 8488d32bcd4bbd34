import { fixedClock } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { openLimitTestDatabase } from '../src';
import { AllocationRepository, KEPT_DRAFT_SIMULATIONS } from '../src/db/allocation-repository';
import { exposureOf } from '../src/model/allocation-portfolio';
import type { LineProposal } from '../src/model/allocation-plan';
import { allocationService, seedAllocationLines } from './support/allocation-fixtures';
import { syntheticLines } from './support/synthetic-lines';

/** Applying in many ranges (a handful of proposals each), as a million lines are applied. */
const clock = fixedClock('2026-11-30T08:00:00Z');
const lines = syntheticLines(300, 11, new Date('2026-11-01T00:00:00Z'));
const RANGE = 7;
let database: Database;

const sql = (text: string, params: unknown[] = []) => database.dataSource.query(text, params);
const count = async (text: string) => Number((await sql(text))[0].n);
const book = async () => ({
  decisions: await count(`SELECT count(*) AS n FROM limit_decisions`),
  events: await count(`SELECT count(*) AS n FROM event_outbox`),
  granted: await count(`SELECT granted AS n FROM portfolio_budget`),
  limits: await count(`SELECT sum(joint_limit + cash_loan_limit + pay_later_limit) AS n FROM credit_lines`),
});

beforeAll(async () => {
  database = await openLimitTestDatabase();
  await seedAllocationLines(database.dataSource, lines, clock.now());
});
afterAll(() => database?.close());

describe('applying an allocation range by range', () => {
  const service = () => allocationService(database, clock, RANGE);
  let simId: string;
  let proposals: LineProposal[];
  beforeAll(async () => {
    const budget = Math.round(lines.reduce((s, l) => s + exposureOf(l), 0) * 1.03);
    simId = (await service().simulate({ method: 'OPTIMISER', budget }, 'tester')).id;
    proposals = await new AllocationRepository(database.dataSource).proposals(simId);
    expect(proposals.length).toBeGreaterThan(RANGE * 3);
  });

  it('cuts the proposals into ranges that hold each exactly once', async () => {
    const repo = new AllocationRepository(database.dataSource);
    const ranges = await repo.transaction((m) => repo.proposalRanges(m, simId, RANGE));
    expect(ranges.length).toBe(Math.floor(proposals.length / RANGE) + 1);
    const holding = (id: string) => ranges.filter((r) => (r.after === null || id > r.after) && (r.upTo === null || id <= r.upTo)).length;
    expect(proposals.every((p) => holding(p.customerId) === 1)).toBe(true);
  });

  it('refuses the whole application when its increases would end one fen past the budget, after earlier ranges were written', async () => {
    const net = proposals.reduce((s, p) => s + p.after.jointLimit - p.before.jointLimit, 0);
    const granted = await count(`SELECT granted AS n FROM portfolio_budget`);
    await sql(`UPDATE portfolio_budget SET exposure_budget = $1`, [granted + net - 1]);
    const before = await book();
    await expect(service().apply(simId, 'tester')).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await book()).toEqual(before);
    expect((await service().find(simId))!.status).toBe('SIMULATED');
    await sql(`UPDATE portfolio_budget SET exposure_budget = NULL`);
  });

  it('writes every proposal, never below what was drawn since, with a decision and an event each, and reports progress', async () => {
    const lowered = proposals.find((p) => p.after.payLaterLimit < p.before.payLaterLimit)!;
    // drawn since the simulation up to the old pay-later limit: the decrease stops there
    await sql(
      `UPDATE credit_lines SET pay_later_used = least(pay_later_ceiling, joint_ceiling - cash_loan_used - cash_loan_held) - pay_later_held WHERE customer_id = $1`,
      [lowered.customerId],
    );
    const before = await book();
    const progress: number[] = [];
    const applied = await service().apply(simId, 'tester', undefined, (phase, done, of) => {
      expect([phase, of]).toEqual(['write', proposals.length]);
      progress.push(done);
    });
    expect(applied).toMatchObject({ decisionsWritten: proposals.length, linesSkipped: 0 });
    expect(applied.linesRaised + applied.linesLowered).toBe(proposals.length);
    expect(progress.length).toBe(2 * (Math.floor(proposals.length / RANGE) + 1));
    expect(progress.at(-1)).toBe(proposals.length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);

    const rows: Record<string, any>[] = await sql(`SELECT customer_id, joint_limit, cash_loan_limit, pay_later_limit, pay_later_used, pay_later_held FROM credit_lines`);
    const now = new Map(rows.map((r) => [r.customer_id as string, r]));
    for (const p of proposals) {
      const l = now.get(p.customerId)!;
      const payLaterFloor = p.customerId === lowered.customerId ? Number(l.pay_later_used) + Number(l.pay_later_held) : 0;
      expect(Number(l.cash_loan_limit)).toBe(p.after.cashLoanLimit);
      expect(Number(l.pay_later_limit)).toBe(Math.max(p.after.payLaterLimit, payLaterFloor));
    }
    expect(Number(now.get(lowered.customerId)!.pay_later_limit)).toBeGreaterThan(lowered.after.payLaterLimit);
    const after = await book();
    expect(after.decisions - before.decisions).toBe(proposals.length);
    expect(after.events - before.events).toBe(proposals.length);
    expect(after.granted).toBe(await count(`SELECT sum(joint_limit) AS n FROM credit_lines WHERE status <> 'CLOSED'`));
    const records: Record<string, any>[] = await sql(`SELECT customer_id, before, after, reason_codes FROM limit_decisions WHERE trigger = 'ALLOCATION'`);
    const byCustomer = new Map(records.map((d) => [d.customer_id as string, d]));
    for (const p of proposals) {
      const d = byCustomer.get(p.customerId)!;
      expect(d.before).toMatchObject({ jointLimit: p.before.jointLimit, cashLoanLimit: p.before.cashLoanLimit, payLaterLimit: p.before.payLaterLimit, status: 'ACTIVE' });
      expect(d.reason_codes).toEqual(p.reasonCodes);
    }
  });
});

describe('lines under a temporary uplift', () => {
  it('are kept out of a simulation while the uplift is active, and come back once it has ended', async () => {
    const repo = new AllocationRepository(database.dataSource);
    const service = allocationService(database, clock, RANGE);
    const budget = Math.round((await repo.readLines(clock.now())).reduce((s, l) => s + exposureOf(l), 0) * 1.05);
    const proposedBy = async () => new Set((await repo.proposals((await service.simulate({ method: 'OPTIMISER', budget }, 'tester')).id)).map((p) => p.customerId));
    const [active, expired] = [...(await proposedBy())];
    const future = lines.map((l) => l.customerId).find((id) => id !== active && id !== expired)!;

    const at = clock.now().getTime();
    const day = 86_400_000;
    const uplift = (id: string, customer: string, from: number, to: number) =>
      sql(
        `INSERT INTO uplifts (id, customer_id, cash_loan, pay_later, amount, multiplier, starts_at, ends_at, reason, created_at)
         VALUES ($1, $2, true, true, 500000, NULL, $3, $4, 'test', $3)`,
        [id, customer, new Date(from), new Date(to)],
      );
    await uplift('u_active', active!, at - day, at + day);
    await uplift('u_expired', expired!, at - 3 * day, at - day);
    await uplift('u_future', future, at + day, at + 3 * day);

    expect((await repo.readLines(clock.now())).filter((l) => l.underUplift).map((l) => l.customerId)).toEqual([active]);
    expect((await repo.readLines(new Date(at + 2 * day))).filter((l) => l.underUplift).map((l) => l.customerId)).toEqual([future]);
    const proposed = await proposedBy();
    expect(proposed.has(active!)).toBe(false);
    expect(proposed.has(expired!)).toBe(true);
  });
});

describe('draft simulations', () => {
  it('keeps the newest drafts with their proposals, deletes older ones, and keeps every applied simulation', async () => {
    const service = allocationService(database, clock, RANGE);
    const budget = Math.round(lines.reduce((s, l) => s + exposureOf(l), 0) * 1.05);
    await service.apply((await service.simulate({ method: 'OPTIMISER', budget }, 'tester')).id, 'tester');
    const applied = await count(`SELECT count(*) AS n FROM allocation_simulations WHERE status = 'APPLIED'`);
    const ids: string[] = [];
    for (let k = 0; k <= KEPT_DRAFT_SIMULATIONS; k += 1) ids.push((await service.simulate({ method: 'POLICY', policyVersion: 2, budget }, 'tester')).id);

    const drafts: { id: string }[] = await sql(`SELECT id::text AS id FROM allocation_simulations WHERE status = 'SIMULATED' ORDER BY allocation_simulations.id`);
    expect(drafts.map((d) => d.id)).toEqual(ids.slice(1));
    expect(await count(`SELECT count(*) AS n FROM allocation_simulations WHERE status = 'APPLIED'`)).toBe(applied);
    expect(await count(`SELECT count(*) AS n FROM allocation_proposals WHERE simulation_id = ${Number(ids[0])}`)).toBe(0);
    await expect(service.apply(ids[0]!, 'tester')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('stores the reason codes of each proposal exactly as given', async () => {
    const repo = new AllocationRepository(database.dataSource);
    const [latest] = await repo.list(1);
    const limits = { jointLimit: 100_000, cashLoanLimit: 60_000, payLaterLimit: 40_000 };
    const codes = [['CASH_LOAN_RAISE'], ['a,b', 'say "hi"', 'back\\slash', '{braces}', 'NULL', '', ' spaced ', 'ü']];
    const given: LineProposal[] = codes.map((reasonCodes, k) => ({ customerId: `c_${String(k).padStart(16, '0')}`, before: limits, after: limits, reasonCodes, snapshotAsOf: null }));
    const saved = await repo.save({ ...latest!, createdAt: clock.now() }, given);
    expect((await repo.proposals(saved.id)).map((p) => p.reasonCodes)).toEqual(codes);
  });
});

describe('risk reassessed since the simulation', () => {
  it('skips the lines whose risk snapshot is newer than the one simulated, and applies the rest', async () => {
    const repo = new AllocationRepository(database.dataSource);
    const service = allocationService(database, clock, RANGE);
    const budget = Math.round((await repo.readLines(clock.now())).reduce((s, l) => s + exposureOf(l), 0) * 1.05);
    const sim = await service.simulate({ method: 'OPTIMISER', budget }, 'tester');
    const proposals = await repo.proposals(sim.id);
    const raised = proposals.find((p) => p.after.cashLoanLimit > p.before.cashLoanLimit || p.after.payLaterLimit > p.before.payLaterLimit)!;
    expect(raised.snapshotAsOf).toBeInstanceOf(Date);
    // the customer turned overdue after the simulation was priced
    await sql(`UPDATE risk_snapshots SET overdue = true, as_of = as_of + interval '1 day' WHERE customer_id = $1`, [raised.customerId]);
    const limitsOf = async (id: string) => (await sql(`SELECT joint_limit, cash_loan_limit, pay_later_limit FROM credit_lines WHERE customer_id = $1`, [id]))[0];
    const untouched = await limitsOf(raised.customerId);

    const applied = await service.apply(sim.id, 'tester');
    expect(applied).toMatchObject({ decisionsWritten: proposals.length - 1, linesSkipped: 1 });
    expect(await limitsOf(raised.customerId)).toEqual(untouched);
    const other = proposals.find((p) => p.customerId !== raised.customerId)!;
    expect(Number((await limitsOf(other.customerId)).joint_limit)).toBe(other.after.jointLimit);
  });
});
