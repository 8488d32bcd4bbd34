import { CUSTOMER_TIERS, LIFECYCLE_STAGES, PRODUCTS, RISK_GRADES, isMinor } from '@jc/domain';
import type { Minor } from '@jc/domain';
import type { OptimiserConfig } from './config';
import { OptimiserInputError } from './errors';
import type { CustomerInput } from './types';

/**
 * A field is named by its path, or for a customer by its index and the path inside it: the path is
 * put together only when a check fails, since a million customers would otherwise build millions
 * of strings that are never read.
 */
type Field = string | { index: number; name: string };

// Checked for every customer: bound once here, since under the CommonJS loader every use of an
// imported name reads it through a getter, and a million customers make that several million reads.
const wholeFen = isMinor;
const STAGES: ReadonlySet<unknown> = new Set(LIFECYCLE_STAGES);
const TIERS: ReadonlySet<unknown> = new Set(CUSTOMER_TIERS);
const GRADES: ReadonlySet<unknown> = new Set(RISK_GRADES);

const pathOf = (field: Field): string => (typeof field === 'string' ? field : `customers[${field.index}].${field.name}`);

function finite(value: unknown, field: Field): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new OptimiserInputError(pathOf(field), 'must be a finite number');
  return value;
}

function inRange(value: unknown, lo: number, hi: number, field: Field): number {
  const v = finite(value, field);
  if (v < lo || v > hi) throw new OptimiserInputError(pathOf(field), `must be within [${lo}, ${hi}]`);
  return v;
}

function nonNegative(value: unknown, field: Field): number {
  const v = finite(value, field);
  if (v < 0) throw new OptimiserInputError(pathOf(field), 'must not be negative');
  return v;
}

export function assertAmount(value: unknown, field: Field): Minor {
  finite(value, field);
  if (!wholeFen(value)) throw new OptimiserInputError(pathOf(field), 'must be a whole number of fen');
  if (value < 0) throw new OptimiserInputError(pathOf(field), 'must not be negative');
  return value;
}

export function validateConfig(config: OptimiserConfig): void {
  const c = 'config';
  const step = assertAmount(config.step, `${c}.step`);
  if (step === 0) throw new OptimiserInputError(`${c}.step`, 'must be positive');
  assertAmount(config.regulatoryCap, `${c}.regulatoryCap`);
  inRange(config.aprCap, 0, 1, `${c}.aprCap`);
  inRange(config.fundingRate, 0, 1, `${c}.fundingRate`);
  inRange(config.capital.riskWeight, 0, 12.5, `${c}.capital.riskWeight`);
  inRange(config.capital.capitalRatio, 0, 1, `${c}.capital.capitalRatio`);
  inRange(config.capital.hurdleRate, 0, 1, `${c}.capital.hurdleRate`);

  const r = config.response;
  inRange(r.pdPrime, 0, 1, `${c}.response.pdPrime`);
  inRange(r.pdSubprime, 0, 1, `${c}.response.pdSubprime`);
  if (!(r.pdPrime > 0 && r.pdSubprime > r.pdPrime)) throw new OptimiserInputError(`${c}.response.pdSubprime`, 'must exceed pdPrime > 0');
  inRange(r.responsePrime, 0, 1, `${c}.response.responsePrime`);
  inRange(r.responseSubprime, 0, 1, `${c}.response.responseSubprime`);
  inRange(r.maxSlope, 0, 1, `${c}.response.maxSlope`);

  const pl = config.payLater;
  inRange(pl.merchantDiscountRate, 0, 1, `${c}.payLater.merchantDiscountRate`);
  nonNegative(pl.annualTurnover, `${c}.payLater.annualTurnover`);
  inRange(pl.instalmentShare, 0, 1, `${c}.payLater.instalmentShare`);
  inRange(pl.instalmentFeeRate, 0, 1, `${c}.payLater.instalmentFeeRate`);

  for (const product of PRODUCTS) {
    const p = config.products[product];
    const f = `${c}.products.${product}`;
    if (!p) throw new OptimiserInputError(f, 'is missing');
    inRange(p.lgd, 0, 1, `${f}.lgd`);
    inRange(p.ccfLoss, 0, 1, `${f}.ccfLoss`);
    inRange(p.ccfCapital, 0, 1, `${f}.ccfCapital`);
    nonNegative(p.responseMultiplier, `${f}.responseMultiplier`);
    nonNegative(p.saturationIncomeShare, `${f}.saturationIncomeShare`);
    assertAmount(p.saturationMin, `${f}.saturationMin`);
    if (p.saturationMin === 0) throw new OptimiserInputError(`${f}.saturationMin`, 'must be positive');
  }
  for (const stage of LIFECYCLE_STAGES) {
    for (const product of PRODUCTS) {
      const f = `${c}.policy.${stage}.${product}`;
      const p = config.policy[stage]?.[product];
      if (!p) throw new OptimiserInputError(f, 'is missing');
      assertAmount(p.min, `${f}.min`);
      assertAmount(p.max, `${f}.max`);
      if (p.min > p.max) throw new OptimiserInputError(`${f}.min`, 'must not exceed max');
      nonNegative(p.maxIncreaseFraction, `${f}.maxIncreaseFraction`);
      assertAmount(p.maxIncreaseAbsolute, `${f}.maxIncreaseAbsolute`);
      inRange(p.maxDecreaseFraction, 0, 1, `${f}.maxDecreaseFraction`);
    }
  }
  for (const tier of CUSTOMER_TIERS) {
    nonNegative(config.tierMaxMultiplier[tier], `${c}.tierMaxMultiplier.${tier}`);
    assertAmount(config.tierJointMax[tier], `${c}.tierJointMax.${tier}`);
  }
}

export function validateBudget(budget: unknown, field = 'budget'): Minor {
  return assertAmount(budget, field);
}

export function validateCustomers(customers: readonly CustomerInput[], config: OptimiserConfig): void {
  if (!Array.isArray(customers)) throw new OptimiserInputError('customers', 'must be an array');
  const check = customerCheck(config, (k) => (customers[k] as CustomerInput).id);
  for (let i = 0; i < customers.length; i++) check(customers[i] as CustomerInput, i);
}

/**
 * Checks customers one after another (index 0, 1, 2, …), throwing on the first bad field. A set of
 * every id would be the costliest check at a million customers, and while ids ascend (as the limits
 * service makes them) none can repeat: only once the order breaks are the earlier ids read back
 * with `idAt` into a set.
 */
export function customerCheck(config: OptimiserConfig, idAt: (k: number) => string): (cu: CustomerInput, i: number) => void {
  let last = '';
  let seen: Set<string> | null = null;
  // One field object per customer, renamed as the checks go: no allocation per field.
  const at = { index: 0, name: '' };
  const field = (name: string): Field => {
    at.name = name;
    return at;
  };
  const fail = (name: string, problem: string): never => {
    throw new OptimiserInputError(pathOf(field(name)), problem);
  };
  return (cu, i) => {
    at.index = i;
    if (!cu || typeof cu !== 'object') throw new OptimiserInputError(`customers[${i}]`, 'must be an object');
    if (typeof cu.id !== 'string' || cu.id.length === 0) fail('id', 'must be a non-empty string');
    if (seen === null && i > 0 && !(cu.id > last)) seen = idsBefore(i, idAt);
    if (seen?.has(cu.id)) fail('id', `duplicates customer ${cu.id}`);
    seen?.add(cu.id);
    last = cu.id;
    inRange(cu.pd, 0, 1, field('pd'));
    if (!STAGES.has(cu.stage)) fail('stage', `must be one of ${LIFECYCLE_STAGES.join(', ')}`);
    if (!TIERS.has(cu.tier)) fail('tier', `must be one of ${CUSTOMER_TIERS.join(', ')}`);
    if (cu.grade !== undefined && !GRADES.has(cu.grade)) fail('grade', `must be one of ${RISK_GRADES.join(', ')}`);
    if (cu.segment !== undefined && typeof cu.segment !== 'string') fail('segment', 'must be a string');
    assertAmount(cu.annualIncome, field('annualIncome'));
    if (cu.maxChangeFraction !== undefined) inRange(cu.maxChangeFraction, 0, 1, field('maxChangeFraction'));
    if (cu.currentJointLimit !== undefined) assertAmount(cu.currentJointLimit, field('currentJointLimit'));
    if (!cu.cashLoan || typeof cu.cashLoan !== 'object') fail('cashLoan', 'is missing');
    if (!cu.payLater || typeof cu.payLater !== 'object') fail('payLater', 'is missing');
    assertAmount(cu.cashLoan.current, field('cashLoan.current'));
    assertAmount(cu.cashLoan.drawn, field('cashLoan.drawn'));
    inRange(cu.cashLoan.apr, 0, config.aprCap, field('cashLoan.apr'));
    assertAmount(cu.payLater.current, field('payLater.current'));
    assertAmount(cu.payLater.drawn, field('payLater.drawn'));
  };
}

function idsBefore(i: number, idAt: (k: number) => string): Set<string> {
  const ids = new Set<string>();
  for (let k = 0; k < i; k++) ids.add(idAt(k));
  return ids;
}

export function validateSegmentBudgets(budgets: Record<string, Minor> | undefined): void {
  if (budgets === undefined) return;
  if (typeof budgets !== 'object' || budgets === null) throw new OptimiserInputError('segmentBudgets', 'must be an object');
  for (const [segment, value] of Object.entries(budgets)) assertAmount(value, `segmentBudgets.${segment}`);
}
