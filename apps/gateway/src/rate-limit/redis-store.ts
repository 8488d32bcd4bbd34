import Redis from 'ioredis';
import type { BucketDecision, BucketShape, RateLimitStore } from './token-bucket';

/**
 * The same token bucket kept in Redis, so several gateway processes share one budget per
 * principal. The refill and take run as one Lua script: atomic, no read-then-write race.
 */
const TAKE = `
local tokens = tonumber(redis.call('HGET', KEYS[1], 't'))
local updated = tonumber(redis.call('HGET', KEYS[1], 'u'))
local burst, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if tokens == nil then tokens = burst; updated = now end
tokens = math.min(burst, tokens + math.max(0, now - updated) / 1000 * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'u', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {allowed, tostring(tokens)}
`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly shape: BucketShape, private readonly prefix = 'jc:ratelimit:') {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
    this.redis.defineCommand('jcTake', { numberOfKeys: 1, lua: TAKE });
  }

  async take(key: string, now: number): Promise<BucketDecision> {
    const [allowed, tokensText] = (await (this.redis as unknown as { jcTake(...a: unknown[]): Promise<[number, string]> }).jcTake(
      this.prefix + key,
      this.shape.burst,
      this.shape.perSecond,
      now,
    )) as [number, string];
    const tokens = Number(tokensText);
    return allowed === 1
      ? { allowed: true, remaining: Math.floor(tokens), retryAfterMs: 0 }
      : { allowed: false, remaining: 0, retryAfterMs: Math.ceil(((1 - tokens) / this.shape.perSecond) * 1000) };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
