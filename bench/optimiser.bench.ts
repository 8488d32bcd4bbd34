/**
 * Portfolio optimiser benchmark: the Lagrangian solver on 20,000 and 100,000 synthetic customers,
 * against HiGHS on the same step LP (20,000) and against the income-multiple rule baseline, all
 * on the same portfolio and exposure budget; then once more held to no more expected loss than the
 * rule (its time, uplift and, at 20,000, HiGHS on the LP with the loss row). Run from the repo root:
 *   npx tsx bench/optimiser.bench.ts
 * Writes bench/results/optimiser.json.
 */
import path from 'node:path';
import {
  buildStepLp,
  currentTotalLimits,
  evaluateLimits,
  generatePortfolio,
  optimisePortfolio,
  prepare,
  runRuleBaseline,
  solveCompiled,
  solveStepLpWithHighs,
  type OptimiserPhase,
  type PortfolioTotals,
} from '@jc/optimiser';
import { machineInfo, printTable, writeResults } from './lib/report';

const SIZES = [20_000, 100_000, 1_000_000];
const HIGHS_SIZE = 20_000;
const SEED = 2026;
/** Scenario: risk appetite cut, the exposure budget is 90% of today's committed sub-limits. */
const BUDGET_SHARE = 0.9;
const TIMED_RUNS = 5;

const log = (msg: string): void => console.log(`[optimiser-bench] ${msg}`);
const cny = (fen: number): string => `CNY ${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

function totals(t: PortfolioTotals) {
  return {
    expectedProfit: t.expectedProfit,
    expectedLoss: t.expectedLoss,
    exposure: t.exposure,
    ead: t.ead,
    expectedBalance: t.expectedBalance,
    linesUp: t.linesUp,
    linesDown: t.linesDown,
  };
}

async function scenario(size: number) {
  log(`--- ${size.toLocaleString('en-US')} customers ---`);
  const customers = generatePortfolio({ size, seed: SEED });
  const budget = Math.round(currentTotalLimits(customers) * BUDGET_SHARE);
  log(`budget ${cny(budget)} (${BUDGET_SHARE * 100}% of current sub-limits)`);

  const times: number[] = [];
  let result = optimisePortfolio({ customers, budget });
  for (let run = 0; run < TIMED_RUNS; run++) {
    let lastPhase: OptimiserPhase | undefined;
    const t0 = performance.now();
    result = optimisePortfolio({
      customers,
      budget,
      onProgress: (p) => {
        if (run === 0 && p.phase !== lastPhase) {
          lastPhase = p.phase;
          log(`  phase ${p.phase}`);
        }
      },
    });
    times.push(performance.now() - t0);
  }
  log(`optimiser: ${median(times).toFixed(0)} ms median of ${TIMED_RUNS} (validate + compile + solve + report), λ = ${result.shadowPrice.toFixed(5)}, ${result.bisectionIterations} bisection steps`);

  const { compiled } = prepare({ customers, budget });
  const solveTimes: number[] = [];
  for (let run = 0; run < TIMED_RUNS; run++) {
    const t0 = performance.now();
    solveCompiled(compiled, budget);
    solveTimes.push(performance.now() - t0);
  }
  log(`  of which solve only: ${median(solveTimes).toFixed(0)} ms`);

  const t1 = performance.now();
  const rule = runRuleBaseline({ customers, budget });
  const ruleMs = performance.now() - t1;
  const uplift = (result.after.objective - rule.after.objective) / Math.abs(rule.after.objective);
  log(`profit/yr: optimiser ${cny(result.after.expectedProfit)}, rule ${cny(rule.after.expectedProfit)} (+${(uplift * 100).toFixed(2)}%), today ${cny(result.before.expectedProfit)}`);
  log(`EL/yr:     optimiser ${cny(result.after.expectedLoss)}, rule ${cny(rule.after.expectedLoss)}, today ${cny(result.before.expectedLoss)}`);
  log(`exposure:  optimiser ${cny(result.after.exposure)}, rule ${cny(rule.after.exposure)}, today ${cny(result.before.exposure)}`);

  const t3 = performance.now();
  const held = optimisePortfolio({ customers, budget, maxExpectedLoss: rule.after.expectedLoss });
  const heldMs = performance.now() - t3;
  const heldUplift = (held.after.objective - rule.after.objective) / Math.abs(rule.after.objective);
  const cap = held.expectedLossCap!;
  log(`held to the rule's EL: ${heldMs.toFixed(0)} ms (${cap.searchIterations} solves), profit ${cny(held.after.expectedProfit)} (+${(heldUplift * 100).toFixed(2)}% vs rule), EL ${cny(held.after.expectedLoss)}, μ = ${cap.shadowPrice.toFixed(4)}`);
  let heldHighs;
  if (size === HIGHS_SIZE) {
    const lp = await solveStepLpWithHighs(buildStepLp(compiled, budget, {}, false, cap.max), 'csc');
    const gap = (lp.objective - held.after.objective) / Math.abs(lp.objective);
    log(`  HiGHS with the loss row: ${lp.status}, ${lp.solveMs.toFixed(0)} ms, gap ${(gap * 100).toExponential(2)}%`);
    heldHighs = { status: lp.status, solveMs: round(lp.solveMs), objective: lp.objective, gapPercent: gap * 100 };
  }

  let highs;
  if (size === HIGHS_SIZE) {
    const ours = solveCompiled(compiled, budget);
    const objective = evaluateLimits(compiled, ours.limits).objective;
    const t2 = performance.now();
    const lp = buildStepLp(compiled, budget);
    const lpBuildMs = performance.now() - t2;
    log(`HiGHS: step LP with ${lp.numCols.toLocaleString('en-US')} columns, ${lp.numRows} rows`);
    const csc = await solveStepLpWithHighs(lp, 'csc');
    const gap = (csc.objective - objective) / Math.abs(csc.objective);
    log(`  CSC arrays: ${csc.status}, ${csc.solveMs.toFixed(0)} ms solve, gap ${(gap * 100).toExponential(2)}% (LP may take a fraction of one more step)`);
    const text = await solveStepLpWithHighs(lp, 'lp-text');
    log(`  CPLEX LP text via highs.solve(): ${text.status}, ${(text.buildMs + text.solveMs).toFixed(0)} ms (write ${text.buildMs.toFixed(0)} + parse/solve ${text.solveMs.toFixed(0)})`);
    const whole = await solveStepLpWithHighs(buildStepLp(compiled, budget, {}, true), 'csc');
    const wholeGap = (whole.objective - objective) / Math.abs(whole.objective);
    log(`  budget in whole steps (integral LP): gap ${(wholeGap * 100).toExponential(2)}%`);
    highs = {
      columns: lp.numCols,
      rows: lp.numRows,
      lpBuildMs: round(lpBuildMs),
      csc: { status: csc.status, solveMs: round(csc.solveMs), objective: csc.objective, gapPercent: gap * 100 },
      lpText: { status: text.status, writeMs: round(text.buildMs), solveMs: round(text.solveMs), objective: text.objective },
      wholeSteps: { status: whole.status, objective: whole.objective, gapPercent: wholeGap * 100 },
      lagrangianObjective: objective,
      withinTenthOfPercent: Math.abs(gap) < 0.001,
    };
  }

  return {
    customers: size,
    seed: SEED,
    budget,
    budgetShareOfCurrentLimits: BUDGET_SHARE,
    floorExposure: result.floorExposure,
    optimiser: {
      status: result.status,
      totalMs: round(median(times)),
      solveOnlyMs: round(median(solveTimes)),
      runs: times.map((t) => round(t)),
      shadowPrice: result.shadowPrice,
      bisectionIterations: result.bisectionIterations,
      objective: result.after.objective,
      ...totals(result.after),
      reasonCounts: result.reasonCounts,
    },
    rule: { totalMs: round(ruleMs), objective: rule.after.objective, ...totals(rule.after) },
    today: totals(result.before),
    profitUpliftVsRulePercent: uplift * 100,
    heldToRuleLoss: {
      totalMs: round(heldMs),
      solves: cap.searchIterations,
      shadowPrice: cap.shadowPrice,
      gapBound: cap.gapBound,
      objective: held.after.objective,
      ...totals(held.after),
      profitUpliftVsRulePercent: heldUplift * 100,
      ...(heldHighs ? { highs: heldHighs } : {}),
    },
    ...(highs ? { highs } : {}),
  };
}

async function main(): Promise<void> {
  const machine = machineInfo();
  log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadAverage.join(' ')}`);
  const scenarios = [];
  for (const size of SIZES) scenarios.push(await scenario(size));

  const summary: string[] = [];
  for (const s of scenarios) {
    const h = s.highs;
    summary.push(
      `${s.customers.toLocaleString('en-US')} customers: optimiser ${s.optimiser.totalMs} ms (solve ${s.optimiser.solveOnlyMs} ms), ` +
        `profit +${s.profitUpliftVsRulePercent.toFixed(2)}% vs rule (rule ${s.rule.totalMs} ms)` +
        (h ? `; HiGHS ${h.csc.solveMs} ms, objective gap ${h.csc.gapPercent.toExponential(2)}%` : '') +
        `; held to the rule's EL ${s.heldToRuleLoss.totalMs} ms, profit +${s.heldToRuleLoss.profitUpliftVsRulePercent.toFixed(2)}% vs rule` +
        (s.heldToRuleLoss.highs ? `, gap to HiGHS ${s.heldToRuleLoss.highs.gapPercent.toExponential(2)}%` : ''),
    );
  }
  printTable(
    'optimiser vs rule baseline (same portfolio, same budget)',
    ['customers', 'optimiser ms', 'solve ms', 'rule ms', 'profit opt (CNY)', 'profit rule (CNY)', 'EL opt (CNY)', 'EL rule (CNY)', 'HiGHS ms', 'gap %'],
    scenarios.map((s) => {
      const h = s.highs;
      return [
        s.customers.toLocaleString('en-US'),
        String(s.optimiser.totalMs),
        String(s.optimiser.solveOnlyMs),
        String(s.rule.totalMs),
        (s.optimiser.expectedProfit / 100).toFixed(0),
        (s.rule.expectedProfit / 100).toFixed(0),
        (s.optimiser.expectedLoss / 100).toFixed(0),
        (s.rule.expectedLoss / 100).toFixed(0),
        h ? String(h.csc.solveMs) : '-',
        h ? h.csc.gapPercent.toExponential(2) : '-',
      ];
    }),
  );
  const file = writeResults('optimiser', {
    note: 'Money in fen (CNY minor units), expected figures annual. Objective = expected profit before rounding. Anchors: HiGHS on the same LP (20,000) and the rule baseline, same run.',
    summary,
    scenarios,
  });
  log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
