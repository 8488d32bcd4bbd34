/**
 * Portfolio allocation end to end on PostgreSQL: N synthetic lines and risk snapshots seeded into a
 * fresh database, then simulateAllocation held to no more expected loss than the champion policy
 * (read inputs, solve, store the proposals) and
 * applyAllocation (decision records, line updates and limit.changed events in one transaction,
 * written a range of customers at a time, with progress) through the limits service's own
 * functions, not HTTP. Anchor, measured in the same run: one raw
 * bulk INSERT … SELECT of as many decision rows as the application wrote, rolled back. Before it,
 * untimed and writing nothing, the optimiser without the loss cap is planned on the same stored
 * lines and policy, for its uplift and EL beside.
 *
 *   npx tsx bench/allocation-end-to-end.bench.ts [--customers 100000] [--seed 2026] [--policy-shaped]
 *
 * --policy-shaped opens every synthetic line as the default policy would (sub-limits sharing the
 * joint limit, NEW pay-later lines inside a larger one) and writes allocation-end-to-end-policy-shaped.json.
 *
 * PostgreSQL from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
 * database is created for the run and dropped after. Writes bench/results/allocation-end-to-end.json.
 */
import { fixedClock } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { openLimitTestDatabase } from '../apps/limit-allocation/src';
import { AllocationRepository } from '../apps/limit-allocation/src/db/allocation-repository';
import { PolicyRepository } from '../apps/limit-allocation/src/db/policy-repository';
import { planAllocation, type AllocationPlan } from '../apps/limit-allocation/src/model/allocation-plan';
import { exposureOf } from '../apps/limit-allocation/src/model/allocation-portfolio';
import type { AllocationPhase } from '../apps/limit-allocation/src/services/allocation-service';
import { allocationService, seedAllocationLines } from '../apps/limit-allocation/test/support/allocation-fixtures';
import { policyShaped, syntheticLines } from '../apps/limit-allocation/test/support/synthetic-lines';
import { printTable, writeResults } from './lib/report';

const NAME = 'allocation-end-to-end';
/** Scenario: a growth budget, 5% above today's committed exposure. */
const BUDGET_SHARE = 1.05;

function args(argv: string[]): { customers: number; seed: number; policyShaped: boolean } {
  const get = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${flag} needs a positive whole number`);
    return v;
  };
  return { customers: get('--customers', 100_000), seed: get('--seed', 2026), policyShaped: argv.includes('--policy-shaped') };
}

const log = (msg: string): void => console.log(`[${NAME}] ${msg}`);

/** Only the totals are kept, so the plan's lines and proposals are garbage before the timed run. */
async function uncappedTotals(database: Database, budget: number): Promise<Pick<AllocationPlan, 'challenger' | 'champion'>> {
  const policy = (await new PolicyRepository(database.dataSource).find())!;
  const lines = await new AllocationRepository(database.dataSource).readLines(new Date());
  const { challenger, champion } = planAllocation({ lines, method: 'OPTIMISER', budget, champion: policy.document });
  return { challenger, champion };
}
const s = (ms: number): string => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  const { customers, seed, policyShaped: shaped } = args(process.argv.slice(2));
  // the test database factory creates and drops a fresh database on this server
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const clock = fixedClock('2026-11-30T08:00:00Z');
  log(`${customers.toLocaleString('en-US')} customers${shaped ? ' (lines as the policy opens them)' : ''}, seed ${seed}, PostgreSQL ${new URL(process.env.TEST_DATABASE_URL).host}`);

  const database = await openLimitTestDatabase();
  try {
    const synthetic = syntheticLines(customers, seed, new Date('2026-11-01T00:00:00Z'));
    const lines = shaped ? policyShaped(synthetic) : synthetic;
    const seedStart = performance.now();
    await seedAllocationLines(database.dataSource, lines, clock.now(), (done) => log(`seeded ${done.toLocaleString('en-US')} lines`));
    await database.dataSource.query('ANALYZE');
    const seedMs = performance.now() - seedStart;
    const budget = Math.round(lines.reduce((sum, l) => sum + exposureOf(l), 0) * BUDGET_SHARE);

    const service = allocationService(database, clock);
    // read back as the service reads them, and planned in memory: storing its proposals would grow
    // the tables the timed run then writes to
    log('reference: the optimiser without an expected-loss cap (planned in memory, not timed) ...');
    const free = await uncappedTotals(database, budget);
    const simulatePhases: Partial<Record<AllocationPhase, number>> = {};
    const t0 = performance.now();
    const sim = await service.simulate({ method: 'OPTIMISER', budget, expectedLossAtMostChampion: true }, 'bench', (phase, ms) => {
      simulatePhases[phase] = ms;
      log(`simulate: ${phase} ${s(ms)} s`);
    });
    const simulateMs = performance.now() - t0;
    const applyPhases: Partial<Record<AllocationPhase, number>> = {};
    const t1 = performance.now();
    let shown = 0;
    const applied = await service.apply(
      sim.id,
      'bench',
      (phase, ms) => {
        applyPhases[phase] = ms;
        log(`apply: ${phase} ${s(ms)} s`);
      },
      (phase, done, of) => {
        if (done - shown < of / 10 && done < of) return;
        shown = done;
        log(`apply: ${phase} ${done.toLocaleString('en-US')} of ${of.toLocaleString('en-US')} proposals (${s(performance.now() - t1)} s)`);
      },
    );
    const applyMs = performance.now() - t1;
    log(`applied: ${applied.decisionsWritten.toLocaleString('en-US')} decisions (${applied.linesRaised} raised, ${applied.linesLowered} lowered, ${applied.linesSkipped} skipped)`);

    // anchor: the same number of decision rows written by one plain bulk statement, then undone
    const runner = database.dataSource.createQueryRunner();
    await runner.startTransaction();
    const a0 = performance.now();
    await runner.query(
      `INSERT INTO limit_decisions (customer_id, trigger, policy_version, inputs, before, after, reason_codes, actor, decided_at)
       SELECT customer_id, 'BENCH_ANCHOR', 1, '{}'::jsonb, after, after, reason_codes, actor, decided_at
       FROM limit_decisions WHERE trigger = 'ALLOCATION' LIMIT $1`,
      [applied.decisionsWritten],
    );
    const anchorMs = performance.now() - a0;
    await runner.rollbackTransaction();
    await runner.release();

    const totalMs = simulateMs + applyMs;
    const c = sim.challenger;
    const k = sim.champion;
    const change = (a: number, b: number) => (a / b - 1) * 100;
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}%`;
    const uplift = change(c.expectedProfit, k.expectedProfit);
    const elChange = change(c.expectedLoss, k.expectedLoss);
    const freeUplift = change(free.challenger.expectedProfit, free.champion.expectedProfit);
    const freeElChange = change(free.challenger.expectedLoss, free.champion.expectedLoss);
    printTable(`allocation end to end, ${customers.toLocaleString('en-US')} lines on PostgreSQL`, ['step', 'seconds', '× anchor'], [
      ['simulate: read inputs', s(simulatePhases.read ?? 0), ''],
      ['simulate: solve (optimiser + champion)', s(simulatePhases.solve ?? 0), ''],
      ['simulate: store proposals', s(simulatePhases.write ?? 0), ''],
      ['apply: lock and count', s(applyPhases.read ?? 0), ''],
      ['apply: write decisions, lines, events', s(applyPhases.write ?? 0), (applyPhases.write! / anchorMs).toFixed(1)],
      ['end to end (simulate + apply)', s(totalMs), (totalMs / anchorMs).toFixed(1)],
      ['anchor: bulk INSERT of the decision rows', s(anchorMs), '1.0'],
    ]);
    const summary = [
      `${customers.toLocaleString('en-US')} lines: simulate + apply ${s(totalMs)} s (read ${s(simulatePhases.read ?? 0)}, solve ${s(simulatePhases.solve ?? 0)}, store ${s(simulatePhases.write ?? 0)}, apply ${s(applyMs)}); ${applied.decisionsWritten} decisions; anchor bulk insert ${s(anchorMs)} s (×${(totalMs / anchorMs).toFixed(1)})`,
      `optimiser vs champion policy at equal budget and no more EL: expected profit ${signed(uplift)}, EL ${signed(elChange)}, exposure ${c.exposure} vs ${k.exposure} (budget ${budget}); EL shadow price ${sim.expectedLossCap?.shadowPrice.toFixed(3)}`,
      `without the EL cap (reference): expected profit ${signed(freeUplift)}, EL ${signed(freeElChange)}`,
    ];
    summary.forEach(log);
    const path = writeResults(shaped ? `${NAME}-policy-shaped` : NAME, {
      customers,
      lines: lines.length,
      policyShaped: shaped,
      seed,
      budget,
      seedSeconds: Number(s(seedMs)),
      simulate: { seconds: Number(s(simulateMs)), phases: simulatePhases },
      apply: { seconds: Number(s(applyMs)), phases: applyPhases, decisionsWritten: applied.decisionsWritten, linesRaised: applied.linesRaised, linesLowered: applied.linesLowered, linesSkipped: applied.linesSkipped },
      anchor: { what: 'one INSERT … SELECT of as many decision rows, rolled back', seconds: Number(s(anchorMs)) },
      challenger: c,
      champion: k,
      upliftPercent: Number(uplift.toFixed(2)),
      expectedLossChangePercent: Number(elChange.toFixed(2)),
      expectedLossCap: sim.expectedLossCap,
      withoutLossCap: { challenger: free.challenger, upliftPercent: Number(freeUplift.toFixed(2)), expectedLossChangePercent: Number(freeElChange.toFixed(2)) },
      summary,
    });
    log(`wrote ${path}`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
