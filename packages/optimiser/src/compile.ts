import { PRODUCTS } from '@jc/domain';
import type { OptimiserConfig } from './config';
import { customerBounds } from './bounds';
import { currentJoint } from './joint-limit';
import { lineEconomics, profitSlopes, type MutableLineEconomics } from './economics';
import { LineTable } from './line-table';
import { MarginalChains } from './marginal-chains';
import { LIMIT_REASONS, type CustomerInput, type LimitReason, type ProgressCallback } from './types';

export const reasonIndex = (reason: LimitReason): number => LIMIT_REASONS.indexOf(reason);
export const reasonAt = (index: number): LimitReason => LIMIT_REASONS[index] as LimitReason;

/**
 * A portfolio flattened to typed arrays for the solver. Lines are chains indexed 2i + product
 * (0 cash loan, 1 pay later); limits are lo + k·step for k in [0, steps].
 */
export interface CompiledPortfolio {
  readonly size: number;
  readonly step: number;
  readonly ids: readonly string[];
  readonly lines: LineTable;
  readonly chains: MarginalChains;
  readonly lo: Float64Array;
  readonly steps: Int32Array;
  readonly loSource: Uint8Array;
  readonly hiSource: Uint8Array;
  readonly current: Float64Array;
  readonly capSteps: Int32Array;
  readonly capSource: Uint8Array;
  /** Exposure today: min(joint limit, sum of sub-limits). */
  readonly currentExposure: Float64Array;
  readonly currentJoint: Float64Array;
  /** What the sub-limits share within the joint limit (`jointOverlap`): exposure is their sum less it. */
  readonly overlap: Float64Array;
  /** Index into `segmentNames`, or −1. */
  readonly segmentOf: Int32Array;
  readonly segmentNames: readonly string[];
  readonly floorExposure: number;
}

const PROGRESS_EVERY = 20_000;

export function compilePortfolio(customers: readonly CustomerInput[], config: OptimiserConfig, onProgress?: ProgressCallback): CompiledPortfolio {
  return compileEach(customers.length, (i) => customers[i] as CustomerInput, config, onProgress);
}

/** As `compilePortfolio`, with customer i made by `customerAt(i)` as it is compiled (see `prepareEach`). */
export function compileEach(size: number, customerAt: (i: number) => CustomerInput, config: OptimiserConfig, onProgress?: ProgressCallback): CompiledPortfolio {
  const step = config.step;
  const chainsCount = 2 * size;
  const gain = new Float64Array(chainsCount);
  const offset = new Float64Array(chainsCount);
  const stride = new Float64Array(chainsCount);
  const cost = new Float64Array(chainsCount);
  const lo = new Float64Array(chainsCount);
  const steps = new Int32Array(chainsCount);
  const loSource = new Uint8Array(chainsCount);
  const hiSource = new Uint8Array(chainsCount);
  const capSteps = new Int32Array(size);
  const capSource = new Uint8Array(size);
  const currentExposure = new Float64Array(size);
  const currentJointLimit = new Float64Array(size);
  const overlap = new Float64Array(size);
  const segmentOf = new Int32Array(size).fill(-1);
  const segmentNames: string[] = [];
  const segmentIds = new Map<string, number>();
  const ids: string[] = new Array(size);
  const lines = new LineTable(chainsCount);
  const scratch = {} as MutableLineEconomics;
  let floorExposure = 0;

  for (let i = 0; i < size; i++) {
    const customer = customerAt(i);
    ids[i] = customer.id;
    const bounds = customerBounds(customer, config);
    let floor = 0;
    let span = 0;
    for (let p = 0; p < 2; p++) {
      const product = PRODUCTS[p] as (typeof PRODUCTS)[number];
      const j = 2 * i + p;
      const b = p === 0 ? bounds.cashLoan : bounds.payLater;
      const le = lineEconomics(customer, product, config, scratch);
      lines.set(j, le);
      lo[j] = b.lo;
      steps[j] = Math.round((b.hi - b.lo) / step);
      loSource[j] = reasonIndex(b.loSource);
      hiSource[j] = reasonIndex(b.hiSource);
      const { alpha, beta } = profitSlopes(le);
      // Δbalance over a step = amplitude·exp(−h/κ)·(1 − exp(−step/κ)), h the headroom at its start.
      gain[j] = alpha * le.amplitude * -Math.expm1(-step / le.kappa);
      offset[j] = (b.lo - le.drawn) / le.kappa;
      stride[j] = step / le.kappa;
      cost[j] = beta * step;
      floor += b.lo;
      span += steps[j] as number;
    }
    capSource[i] = reasonIndex(bounds.capSource);
    capSteps[i] = Math.min(span, Math.max(0, Math.floor((bounds.cap - floor) / step)));
    overlap[i] = bounds.overlap;
    floorExposure += floor - bounds.overlap;
    const joint = currentJoint(customer);
    currentJointLimit[i] = joint;
    currentExposure[i] = Math.min(joint, customer.cashLoan.current + customer.payLater.current);
    if (customer.segment !== undefined) {
      let s = segmentIds.get(customer.segment);
      if (s === undefined) {
        s = segmentNames.length;
        segmentIds.set(customer.segment, s);
        segmentNames.push(customer.segment);
      }
      segmentOf[i] = s;
    }
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress({ phase: 'compile', done: (i + 1) / size });
  }
  onProgress?.({ phase: 'compile', done: 1 });
  return {
    size,
    step,
    ids,
    lines,
    chains: new MarginalChains(gain, offset, stride, cost),
    lo,
    steps,
    loSource,
    hiSource,
    current: lines.current,
    capSteps,
    capSource,
    currentExposure,
    currentJoint: currentJointLimit,
    overlap,
    segmentOf,
    segmentNames,
    floorExposure,
  };
}

/** A customer's exposure with both lines on their floors: the two floors less what they share within the joint limit. */
export function floorExposureOf(c: CompiledPortfolio, i: number): number {
  return (c.lo[2 * i] as number) + (c.lo[2 * i + 1] as number) - (c.overlap[i] as number);
}

export function limitAt(c: CompiledPortfolio, j: number, k: number): number {
  return (c.lo[j] as number) + k * c.step;
}
