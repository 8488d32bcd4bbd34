/**
 * Seeded randomness. The generator is sfc32 (Chris Doty-Humphrey's small fast counting generator):
 * 128 bits of state, fast in 32-bit JS arithmetic and good enough for simulation.
 *
 * Every stream has a key derived by hashing a path from the seed ("customer 17", "month 24311",
 * …). A sub-stream is derived from its parent's key, not its state, so what a sub-stream produces
 * never depends on how much the parent or any sibling has consumed: customer k is the same
 * whether 10 or 10 million customers are generated.
 */

export type Seed = string | number;
export type PathPart = string | number;
type Key = readonly [number, number, number, number];

const TWO_32 = 4_294_967_296;

/** A 32-bit finaliser (xorshift-multiply), so one changed input bit flips about half the output. */
export function avalanche32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

function absorb(key: number[], word: number): void {
  const k0 = avalanche32((key[0] as number) ^ word ^ 0x9e3779b9);
  const k1 = avalanche32(((key[1] as number) + k0) >>> 0);
  const k2 = avalanche32((key[2] as number) ^ k1 ^ 0x85ebca6b);
  const k3 = avalanche32(((key[3] as number) + (k2 ^ word)) >>> 0);
  key[0] = k0;
  key[1] = k1;
  key[2] = k2;
  key[3] = k3;
}

function absorbPart(key: number[], part: PathPart): void {
  if (typeof part === 'number') {
    if (!Number.isSafeInteger(part) || part < 0) throw new RangeError(`stream path numbers must be non-negative safe integers, got ${part}`);
    // A tag word keeps the number 5 and the string "5" (and "a","b" vs "ab") on different streams.
    absorb(key, 0x4e554d00);
    absorb(key, Math.floor(part / TWO_32));
    absorb(key, part >>> 0);
    return;
  }
  absorb(key, 0x53545200 ^ (part.length & 0xff));
  for (let i = 0; i < part.length; i++) absorb(key, part.charCodeAt(i));
  absorb(key, part.length);
}

function deriveKey(parent: Key, path: readonly PathPart[]): Key {
  const key = [...parent];
  for (const part of path) absorbPart(key, part);
  return [key[0] as number, key[1] as number, key[2] as number, key[3] as number];
}

const ROOT_KEY: Key = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a];

/** Seeds 42 and "42" are the same seed, so the CLI and the API agree. */
export function normaliseSeed(seed: Seed): string {
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError('seed must be a finite number or a string');
  const text = String(seed);
  if (text.length === 0) throw new RangeError('seed must not be empty');
  return text;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  private constructor(readonly key: Key) {
    [this.a, this.b, this.c, this.d] = key;
    // Warm-up so nearby keys have drifted apart before the first output is used.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  static fromSeed(seed: Seed, ...path: PathPart[]): Rng {
    return new Rng(deriveKey(ROOT_KEY, [normaliseSeed(seed), ...path]));
  }

  /** An independent stream named by `path` under this one; unaffected by what this one has drawn. */
  derive(...path: PathPart[]): Rng {
    return new Rng(deriveKey(this.key, path));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_32;
  }

  /** Uniform in (0, 1), safe to take the logarithm of. */
  private open(): number {
    return (this.nextUint32() + 0.5) / TWO_32;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Box–Muller; the second value of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    const r = Math.sqrt(-2 * Math.log(this.open()));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  /** exp(N(mu, sigma)): mu and sigma are of the logarithm. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /**
   * Knuth's product-of-uniforms method, exact but O(lambda); large means are split into chunks
   * because a sum of Poisson variables is Poisson, and exp(-lambda) underflows past ~700.
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`poisson mean must be finite and >= 0, got ${lambda}`);
    let total = 0;
    let remaining = lambda;
    while (remaining > 0) {
      const chunk = Math.min(remaining, 30);
      remaining -= chunk;
      const limit = Math.exp(-chunk);
      let product = this.next();
      while (product > limit) {
        total++;
        product *= this.next();
      }
    }
    return total;
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot choose from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One item with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return categorical(items, weights)(this);
  }
}

/**
 * A sampler for a fixed categorical distribution: the cumulative weights are computed once, each
 * draw is a binary search.
 */
export function categorical<T>(items: readonly T[], weights: readonly number[]): (rng: Rng) => T {
  if (items.length === 0 || items.length !== weights.length) throw new RangeError('categorical needs one weight per item');
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and >= 0, got ${w}`);
    total += w;
    cumulative.push(total);
  }
  if (total <= 0) throw new RangeError('categorical needs a positive total weight');
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

export const hex32 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');
