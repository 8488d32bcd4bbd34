export interface BucketDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: milliseconds until one token is back. */
  retryAfterMs: number;
}

export interface RateLimitStore {
  take(key: string, now: number): Promise<BucketDecision>;
  close(): Promise<void>;
}

export interface BucketShape {
  burst: number;
  perSecond: number;
}

/** Refills continuously at `perSecond` up to `burst`; one request costs one token. */
export function refill(tokens: number, updatedAt: number, now: number, shape: BucketShape): number {
  return Math.min(shape.burst, tokens + (Math.max(0, now - updatedAt) / 1000) * shape.perSecond);
}

export function decide(tokens: number, shape: BucketShape): { decision: BucketDecision; tokensAfter: number } {
  if (tokens >= 1) return { decision: { allowed: true, remaining: Math.floor(tokens - 1), retryAfterMs: 0 }, tokensAfter: tokens - 1 };
  return { decision: { allowed: false, remaining: 0, retryAfterMs: Math.ceil(((1 - tokens) / shape.perSecond) * 1000) }, tokensAfter: tokens };
}

/** In-process buckets for the embedded default; idle ones are dropped so memory stays bounded. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private readonly shape: BucketShape, private readonly maxKeys = 100_000) {}

  async take(key: string, now: number): Promise<BucketDecision> {
    const bucket = this.buckets.get(key) ?? { tokens: this.shape.burst, updatedAt: now };
    const { decision, tokensAfter } = decide(refill(bucket.tokens, bucket.updatedAt, now, this.shape), this.shape);
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokensAfter, updatedAt: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return decision;
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }
}
