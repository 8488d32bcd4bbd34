import { avalanche32, hex32, Rng, type Seed } from './random';

/**
 * Customer ids look random but are a keyed permutation of the index (a 4-round Feistel network on
 * 64 bits), so distinct indices can never collide and the id is a pure function of seed + index.
 */
export function customerIdFor(seed: Seed, index: number): string {
  return `c_${customerHex(roundKeys(seed), index)}`;
}

const keyCache = new Map<string, readonly number[]>();

export function roundKeys(seed: Seed): readonly number[] {
  const cacheKey = String(seed);
  let keys = keyCache.get(cacheKey);
  if (!keys) {
    const rng = Rng.fromSeed(seed, 'customer-id');
    keys = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    if (keyCache.size > 64) keyCache.clear();
    keyCache.set(cacheKey, keys);
  }
  return keys;
}

export function customerHex(keys: readonly number[], index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`customer index must be a non-negative safe integer, got ${index}`);
  let left = Math.floor(index / 4_294_967_296) >>> 0;
  let right = index >>> 0;
  for (const k of keys) {
    const next = (left ^ avalanche32((right ^ k) >>> 0)) >>> 0;
    left = right;
    right = next;
  }
  return hex32(left) + hex32(right);
}

const MONTH_LABEL = (monthIndex: number): string => {
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return `${year}${month < 10 ? '0' : ''}${month}`;
};

/** "tx_<customer hex>_<YYYYMM>_<n>": n counts the customer's events in that month, in time order. */
export function transactionEventId(customerHexId: string, monthIndex: number, sequence: number): string {
  return `tx_${customerHexId}_${MONTH_LABEL(monthIndex)}_${sequence}`;
}

/** "rp_<customer hex>_<YYYYMM of the statement>_<PL|CL>": one repayment record per statement and product. */
export function repaymentEventId(customerHexId: string, monthIndex: number, product: 'PAY_LATER' | 'CASH_LOAN'): string {
  return `rp_${customerHexId}_${MONTH_LABEL(monthIndex)}_${product === 'PAY_LATER' ? 'PL' : 'CL'}`;
}
