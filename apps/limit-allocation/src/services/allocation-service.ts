import { CUSTOMER_TIERS, formatMoney, isMinor, isOneOf, isRegionCode, LIFECYCLE_STAGES, type Clock, type Minor } from '@jc/domain';
import { OptimiserInputError } from '@jc/optimiser';
import { badInput, conflict, InputProblems, notFound } from '@jc/subgraph-kit';
import type { AllocationRepository, AllocationSimulationRecord } from '../db/allocation-repository';
import type { PolicyRepository } from '../db/policy-repository';
import { isOverBudget } from '../db/portfolio-repository';
import { announceLimits } from '../events/limit-announcements';
import { BudgetBelowFloorError, LossCapBelowFloorError, planAllocation, SegmentBudgetBelowFloorError, type AllocationMethod, type SegmentBudgets } from '../model/allocation-plan';
import type { AllocationFilter } from '../model/allocation-portfolio';
import { compactSettings, configOverrides, settingsPath, type OptimiserSettings } from '../model/optimiser-settings';

export interface SimulateAllocationInput {
  method: AllocationMethod;
  policyVersion?: number | null;
  budget: Minor;
  filter?: AllocationFilter | null;
  /** With OPTIMISER: budgets for segments of one dimension, inside the portfolio budget. */
  segmentBudgets?: SegmentBudgets | null;
  /** With OPTIMISER: economics overriding the optimiser's defaults. */
  settings?: OptimiserSettings | null;
  /** With OPTIMISER: the most expected annual loss the re-allocated lines may carry. */
  maxExpectedLoss?: Minor | null;
  /** With OPTIMISER: no more expected loss than the champion's (with maxExpectedLoss, the lower). */
  expectedLossAtMostChampion?: boolean | null;
}

export interface AllocationApplicationRecord {
  simulation: AllocationSimulationRecord;
  decisionsWritten: number;
  linesRaised: number;
  linesLowered: number;
  /** Lines the simulation would change that changed since (or are no longer ACTIVE): left alone. */
  linesSkipped: number;
}

export type AllocationPhase = 'read' | 'solve' | 'write';
/** Told how long each phase took, for benchmarks and logs. */
export type PhaseTimer = (phase: AllocationPhase, ms: number) => void;
/** Told how far a long phase has got: proposals applied so far. */
export type PhaseProgress = (phase: AllocationPhase, done: number, of: number) => void;

/** Proposals per range when applying: a statement per direction and range. */
const APPLY_CHUNK = 50_000;

export const SIMULATION_ID = /^[1-9]\d{0,18}$/;
const MAX_FILTER_VALUES = 100;

function filterProblems(filter: AllocationFilter | null | undefined, problems: InputProblems): void {
  for (const key of ['stages', 'tiers', 'regions'] as const) {
    const list = filter?.[key];
    problems.check(!list || list.length <= MAX_FILTER_VALUES, `input.filter.${key}`, `at most ${MAX_FILTER_VALUES} values`);
  }
  for (const [i, region] of (filter?.regions ?? []).entries()) problems.check(isRegionCode(region), `input.filter.regions[${i}]`, 'not a province code');
}

const SEGMENT_KEY: Record<SegmentBudgets['dimension'], [(key: string) => boolean, string]> = {
  TIER: [(key) => isOneOf(CUSTOMER_TIERS, key), `one of ${CUSTOMER_TIERS.join(', ')}`],
  STAGE: [(key) => isOneOf(LIFECYCLE_STAGES, key), `one of ${LIFECYCLE_STAGES.join(', ')}`],
  REGION: [isRegionCode, 'a province code'],
};

function segmentBudgetProblems(s: SegmentBudgets | null | undefined, problems: InputProblems): void {
  if (!s) return;
  const at = 'input.segmentBudgets.budgets';
  problems.check(s.budgets.length > 0 && s.budgets.length <= MAX_FILTER_VALUES, at, `1 to ${MAX_FILTER_VALUES} budgets`);
  const [valid, expected] = SEGMENT_KEY[s.dimension];
  const seen = new Set<string>();
  for (const [i, { key, budget }] of s.budgets.slice(0, MAX_FILTER_VALUES).entries()) {
    problems.check(valid(key), `${at}[${i}].key`, `must be ${expected}`);
    problems.check(!seen.has(key), `${at}[${i}].key`, `${key} is given twice`);
    problems.check(isMinor(budget) && budget >= 0, `${at}[${i}].budget`, 'must be whole fen, not negative');
    seen.add(key);
  }
}

function simulationProblems(input: SimulateAllocationInput, settings: OptimiserSettings | null): InputProblems {
  const problems = new InputProblems();
  const optimiserOnly = (given: boolean, path: string) => problems.check(input.method === 'OPTIMISER' || !given, path, 'only with method OPTIMISER');
  problems.check(isMinor(input.budget) && input.budget >= 0, 'input.budget', 'must be whole fen, not negative');
  problems.check(input.method === 'POLICY' || input.policyVersion == null, 'input.policyVersion', 'only with method POLICY');
  problems.check(input.policyVersion == null || (Number.isInteger(input.policyVersion) && input.policyVersion > 0), 'input.policyVersion', 'must be a positive version number');
  problems.check(input.maxExpectedLoss == null || (isMinor(input.maxExpectedLoss) && input.maxExpectedLoss >= 0), 'input.maxExpectedLoss', 'must be whole fen, not negative');
  optimiserOnly(input.maxExpectedLoss != null, 'input.maxExpectedLoss');
  optimiserOnly(!!input.expectedLossAtMostChampion, 'input.expectedLossAtMostChampion');
  optimiserOnly(input.segmentBudgets != null, 'input.segmentBudgets');
  optimiserOnly(settings !== null, 'input.settings');
  segmentBudgetProblems(input.segmentBudgets, problems);
  filterProblems(input.filter, problems);
  return problems;
}

/** What the plan refused, as the caller's input error naming the field; anything else as it is. */
function asInputError(err: unknown, input: SimulateAllocationInput): unknown {
  const refused = (path: string, reason: string) => badInput(`Cannot simulate allocation: ${path}: ${reason}`, [{ path, reason }]);
  if (err instanceof BudgetBelowFloorError) {
    return refused('input.budget', `below the minimum feasible budget ${formatMoney(err.minimumBudget)} (what is drawn and the hard floors of the filtered lines)`);
  }
  if (err instanceof SegmentBudgetBelowFloorError) {
    const index = input.segmentBudgets!.budgets.findIndex((b) => b.key === err.key);
    return refused(`input.segmentBudgets.budgets[${index}].budget`, `below segment ${err.key}'s minimum feasible budget ${formatMoney(err.minimumBudget)} (what is drawn and the hard floors of its lines)`);
  }
  if (err instanceof LossCapBelowFloorError) {
    return refused('input.maxExpectedLoss', `below the minimum ${formatMoney(err.minimumExpectedLoss)}: the expected loss of the re-allocated lines on their floors`);
  }
  // only the settings come from the caller; any other field the optimiser refuses is ours
  if (err instanceof OptimiserInputError && err.field.startsWith('config.')) return refused(`input.settings.${settingsPath(err.field)}`, err.problem);
  return err;
}

function timed(onPhase: PhaseTimer | undefined) {
  let last = performance.now();
  return (phase: AllocationPhase) => {
    const now = performance.now();
    onPhase?.(phase, now - last);
    last = now;
  };
}

/**
 * Simulates a re-allocation of the portfolio without changing it, and applies a stored simulation:
 * the lines it proposed, as they were proposed, with a decision record and a limit.changed event
 * each, in one transaction.
 */
export class AllocationService {
  constructor(
    private readonly repo: AllocationRepository,
    private readonly policies: PolicyRepository,
    private readonly clock: Clock,
    private readonly applyChunk = APPLY_CHUNK,
  ) {}

  async simulate(input: SimulateAllocationInput, actor: string, onPhase?: PhaseTimer): Promise<AllocationSimulationRecord> {
    const settings = compactSettings(input.settings);
    simulationProblems(input, settings).throwIfAny('Cannot simulate allocation');

    const tick = timed(onPhase);
    const champion = (await this.policies.find())!;
    const challenger = input.method === 'POLICY' ? await this.policies.find(input.policyVersion) : null;
    if (input.method === 'POLICY' && !challenger) {
      throw badInput(`Cannot simulate allocation: input.policyVersion: no policy version ${input.policyVersion}`, [{ path: 'input.policyVersion', reason: 'unknown policy version' }]);
    }
    const lines = await this.repo.readLines(this.clock.now());
    tick('read');
    let plan;
    try {
      plan = planAllocation({
        lines,
        filter: input.filter,
        method: input.method,
        budget: input.budget,
        champion: champion.document,
        challenger: challenger?.document,
        settings: configOverrides(settings),
        segmentBudgets: input.segmentBudgets,
        maxExpectedLoss: input.maxExpectedLoss,
        expectedLossAtMostChampion: input.expectedLossAtMostChampion,
      });
    } catch (err) {
      throw asInputError(err, input);
    }
    tick('solve');
    const saved = await this.repo.save(
      {
        method: input.method,
        policyVersion: challenger?.version ?? null,
        championVersion: champion.version,
        budget: input.budget,
        filter: input.filter ?? {},
        challenger: plan.challenger,
        champion: plan.champion,
        segments: plan.segments,
        expectedLossCap: plan.expectedLossCap,
        settings,
        createdBy: actor,
        createdAt: this.clock.now(),
      },
      plan.proposals,
    );
    tick('write');
    return saved;
  }

  /**
   * A line that changed since the simulation (limits or status) is skipped and counted, not
   * refused: the rest of the allocation still stands, and the skipped line is simulated afresh
   * next time. An increase the portfolio budget no longer has room for refuses the whole
   * application, since the simulation's totals would no longer hold.
   *
   * Written a range of customers at a time (every decrease before any increase), each range's
   * decisions announced before the next: memory stays flat, and progress shows.
   */
  async apply(id: string, actor: string, onPhase?: PhaseTimer, onProgress?: PhaseProgress): Promise<AllocationApplicationRecord> {
    if (!SIMULATION_ID.test(id)) throw badInput('Cannot apply allocation: simulationId: not a simulation id', [{ path: 'simulationId', reason: 'not a simulation id' }]);
    const tick = timed(onPhase);
    const now = this.clock.now();
    try {
      return await this.repo.transaction(async (m) => {
        const sim = await this.repo.lock(m, id);
        if (!sim) throw notFound(`No allocation simulation ${id}`);
        if (sim.status === 'APPLIED') throw conflict(`Allocation simulation ${id} was already applied (ALREADY_APPLIED)`);
        const proposed = await this.repo.proposalCount(m, id);
        const ranges = await this.repo.proposalRanges(m, id, this.applyChunk);
        tick('read');
        const totals = { decisionsWritten: 0, linesRaised: 0, linesLowered: 0 };
        for (const direction of ['LOWER', 'RAISE'] as const) {
          for (const range of ranges) {
            const written = await this.repo.applyProposals(m, sim, direction, actor, now, range);
            await announceLimits(
              m,
              written.map(({ customerId, decisionId, jointLimit, cashLoanLimit, payLaterLimit, reasonCodes }) => ({ customerId, decisionId, jointLimit, cashLoanLimit, payLaterLimit, reasonCodes, decidedAt: now.toISOString() })),
              now,
            );
            totals.decisionsWritten += written.length;
            totals.linesRaised += written.filter((d) => d.raised).length;
            totals.linesLowered += written.filter((d) => d.lowered).length;
            onProgress?.('write', totals.decisionsWritten, proposed);
          }
        }
        const simulation = await this.repo.markApplied(m, id, actor, now);
        tick('write');
        return { simulation, ...totals, linesSkipped: proposed - totals.decisionsWritten };
      });
    } catch (err) {
      if (isOverBudget(err)) throw conflict('Applying this allocation would pass the portfolio exposure budget (PORTFOLIO_BUDGET_EXHAUSTED); simulate again');
      throw err;
    }
  }

  find(id: string): Promise<AllocationSimulationRecord | null> {
    return this.repo.find(id);
  }

  list(limit: number, before?: string): Promise<AllocationSimulationRecord[]> {
    return this.repo.list(limit, before);
  }
}
