/**
 * Money is an integer number of minor units (fen for CNY). A JS number holds integers exactly up
 * to 2^53, far beyond any credit amount, so plain numbers are used for speed; every operation
 * checks that the result is still a safe integer so an overflow can never silently round.
 */
export type Minor = number;

export const CURRENCY = 'CNY';
export const MINOR_PER_MAJOR = 100;
/** Largest magnitude accepted anywhere: CNY 10 trillion, well inside Number.MAX_SAFE_INTEGER. */
export const MAX_MINOR: Minor = 1_000_000_000_000_000;

export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}

export function isMinor(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MAX_MINOR;
}

export function assertMinor(value: unknown, what = 'amount'): Minor {
  if (!isMinor(value)) throw new MoneyError(`${what} must be a whole number of minor units within ±${MAX_MINOR}`);
  return value;
}

export function addMinor(...values: Minor[]): Minor {
  let total = 0;
  for (const v of values) total += assertMinor(v);
  return assertMinor(total, 'sum');
}

export function subMinor(a: Minor, b: Minor): Minor {
  return assertMinor(assertMinor(a) - assertMinor(b), 'difference');
}

/** Multiplies by a rate and rounds half away from zero to whole minor units. */
export function mulMinor(a: Minor, factor: number): Minor {
  if (!Number.isFinite(factor)) throw new MoneyError('factor must be finite');
  const raw = assertMinor(a) * factor;
  const rounded = Math.sign(raw) * Math.round(Math.abs(raw));
  return assertMinor(rounded === 0 ? 0 : rounded, 'product');
}

export function minMinor(...values: Minor[]): Minor {
  return Math.min(...values.map((v) => assertMinor(v)));
}

export function maxMinor(...values: Minor[]): Minor {
  return Math.max(...values.map((v) => assertMinor(v)));
}

/** Rounds down to a multiple of `step` (limits are granted in whole steps, e.g. CNY 100). */
export function floorToStep(a: Minor, step: Minor): Minor {
  if (!isMinor(step) || step <= 0) throw new MoneyError('step must be a positive whole number of minor units');
  return Math.floor(assertMinor(a) / step) * step;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string in major units ("1234.5", "-0.01") into minor units; at most 2 decimals. */
export function parseMoney(text: string): Minor {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new MoneyError(`"${text}" is not a decimal amount such as "1234.56"`);
  const [, sign, whole = '', frac = ''] = match;
  if (frac.length > 2) throw new MoneyError(`"${text}" has more than 2 decimals`);
  // Exact up to the range's edge; anything longer comes out larger (or Infinity) and is refused.
  const minor = Number(whole) * MINOR_PER_MAJOR + Number(frac.padEnd(2, '0'));
  if (minor > MAX_MINOR) throw new MoneyError(`"${text}" is beyond the Money range of ±${formatMoney(MAX_MINOR)}`);
  return sign && minor > 0 ? -minor : minor;
}

/** Formats minor units as a plain decimal string in major units: 123456 → "1234.56". */
export function formatMoney(a: Minor): string {
  assertMinor(a);
  const sign = a < 0 ? '-' : '';
  const abs = Math.abs(a);
  const whole = Math.floor(abs / MINOR_PER_MAJOR);
  const frac = String(abs % MINOR_PER_MAJOR).padStart(2, '0');
  return `${sign}${whole}.${frac}`;
}

/** Human display with grouping and currency sign: 123456789 → "¥1,234,567.89". */
export function displayMoney(a: Minor): string {
  const [whole, frac] = formatMoney(Math.abs(a)).split('.');
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${a < 0 ? '-' : ''}¥${grouped}.${frac}`;
}

export const yuan = (major: number): Minor => assertMinor(Math.round(major * MINOR_PER_MAJOR));
