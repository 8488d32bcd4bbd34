/** One monthly statement of a credit line, as behaviour analytics derives it. */
export interface MonthlyStatement {
  limit: number;
  balance: number;
  repaid: number;
  /** Delinquency status: -2 no use, -1 paid in full, 0 revolving, k = k months late. */
  status: number;
}

/**
 * What the scorecard needs about a customer. Deliberately has no sex or marital-status
 * field: protected attributes cannot reach the model because there is nowhere to put them.
 */
export interface CustomerInput {
  /** The six most recent statements, most recent first. */
  statements: MonthlyStatement[];
  age: number;
  /** 1 graduate, 2 university, 3 high school, 4 others; 0/5/6 (or anything else) unknown. */
  education: number;
}

export interface Descriptions {
  en: string;
  zh: string;
}

/**
 * How default risk moves as the value grows. 'valley': falls then rises (one minimum, e.g.
 * utilisation, where an idle line and a maxed-out one are both signs of trouble); 'peak':
 * rises then falls. 'status': a delinquency status code, whose values below LATE_STATUS (no use,
 * paid in full, revolving) are states with no order of their own, while from LATE_STATUS up it
 * counts months late and risk must rise with it. 'none' where business meaning gives no shape.
 */
export type RiskDirection = 'increasing' | 'decreasing' | 'valley' | 'peak' | 'status' | 'none';

export const RISK_DIRECTIONS: readonly RiskDirection[] = ['increasing', 'decreasing', 'valley', 'peak', 'status', 'none'];

/** The first status code that counts months late (1 = one month late). */
export const LATE_STATUS = 1;

export interface NumericCharacteristic<R> {
  code: string;
  kind: 'numeric';
  direction: RiskDirection;
  description: Descriptions;
  /** NaN means "not applicable" (e.g. a ratio with a zero denominator) and gets its own bin. */
  value(record: R): number;
}

export interface CategoricalCharacteristic<R> {
  code: string;
  kind: 'categorical';
  description: Descriptions;
  value(record: R): string;
}

export type CharacteristicDef<R> = NumericCharacteristic<R> | CategoricalCharacteristic<R>;

/**
 * Population split into separately fitted scorecards by one numeric characteristic: segment i
 * holds cuts[i-1] <= value < cuts[i] (NaN falls in segment 0).
 */
export interface Segmentation {
  code: string;
  cuts: number[];
  /** One per segment. */
  names: Descriptions[];
}

/** A named list of characteristics over one record type; the model stores the set id. */
export interface CharacteristicSet<R> {
  id: string;
  characteristics: ReadonlyArray<CharacteristicDef<R>>;
  /** The segmentation the set's own evidence supports, if any (training may switch it off). */
  segmentation?: Segmentation;
}

/**
 * Rows of any shape, addressed by index. `at` may return the same (mutated) object on every
 * call, so a caller must read what it needs before asking for the next row.
 */
export interface RecordSource<R> {
  readonly size: number;
  at(index: number): R;
}

export function arraySource<R>(rows: ReadonlyArray<R>): RecordSource<R> {
  return {
    size: rows.length,
    at: (i) => rows[i] as R,
  };
}
