import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  assertLimitArguments,
  toResult,
  type RateLimiter,
  type RateLimitResult,
} from './rate-limiter.js';

// Count and expiry in one step, so instances sharing the Redis share one window per key. The TTL
// repair covers a key left without one (e.g. written by hand), which would otherwise block forever.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;
const HIT_SCRIPT_SHA = createHash('sha1').update(HIT_SCRIPT).digest('hex');

export interface RedisRateLimiterOptions {
  /** Connection to open (and close on `close()`), e.g. `redis://127.0.0.1:6379`. */
  url?: string;
  /** An existing connection; it is left open on `close()`. */
  redis?: Redis;
  keyPrefix?: string;
}

/** Shares counts between app instances. Redis errors reject `hit`; the caller picks fail-open or not. */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private readonly keyPrefix: string;

  constructor(options: RedisRateLimiterOptions) {
    if (options.redis !== undefined) {
      this.redis = options.redis;
      this.ownsConnection = false;
    } else if (options.url !== undefined) {
      // While Redis is unreachable a queued command fails after one reconnection attempt (at most
      // a second apart) and one sent to a Redis that stopped answering fails after a second, so
      // requests answer 503 promptly instead of hanging; ioredis keeps reconnecting in the
      // background, so service comes back without a restart.
      this.redis = new Redis(options.url, {
        maxRetriesPerRequest: 1,
        commandTimeout: 1000,
        retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
      });
      this.redis.on('error', () => undefined);
      this.ownsConnection = true;
    } else {
      throw new RangeError('RedisRateLimiter needs a url or a connection');
    }
    this.keyPrefix = options.keyPrefix ?? 'rate-limit:';
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    assertLimitArguments(key, limit, windowSeconds);
    const windowMs = String(Math.ceil(windowSeconds * 1000));
    const fullKey = this.keyPrefix + key;
    let reply: unknown;
    try {
      reply = await this.redis.evalsha(HIT_SCRIPT_SHA, 1, fullKey, windowMs);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      reply = await this.redis.eval(HIT_SCRIPT, 1, fullKey, windowMs);
    }
    const [count, ttl] = parseReply(reply);
    return toResult(count, limit, ttl);
  }

  async ping(): Promise<'redis'> {
    await this.redis.ping();
    return 'redis';
  }

  async remainingMs(key: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.keyPrefix + key));
  }

  async close(): Promise<void> {
    if (this.ownsConnection && this.redis.status !== 'end') await this.redis.quit();
  }
}

function parseReply(reply: unknown): [number, number] {
  if (Array.isArray(reply) && reply.length === 2) {
    const [count, ttl] = reply as unknown[];
    if (typeof count === 'number' && typeof ttl === 'number') return [count, ttl];
  }
  throw new Error('Unexpected reply from the rate-limit script');
}
