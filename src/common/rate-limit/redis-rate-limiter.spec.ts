import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisRateLimiter } from './redis-rate-limiter.js';

// Needs the Redis at REDIS_URL (default the local one); every test uses its own key prefix.
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe(RedisRateLimiter.name, () => {
  let admin: Redis;
  let prefix: string;
  const limiters: RedisRateLimiter[] = [];

  const limiter = (): RedisRateLimiter => {
    const created = new RedisRateLimiter({ url, keyPrefix: prefix });
    limiters.push(created);
    return created;
  };

  beforeAll(() => {
    admin = new Redis(url);
  });

  beforeEach(() => {
    prefix = `test:rate-limit:${randomUUID()}:`;
  });

  afterEach(async () => {
    await Promise.all(limiters.splice(0).map((l) => l.close()));
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
  });

  afterAll(async () => {
    await admin.quit();
  });

  it('should allow up to the limit and then refuse with a retry time', async () => {
    const l = limiter();
    expect(await l.hit('ip:1', 2, 60)).toEqual({
      allowed: true,
      remaining: 1,
      retryAfterSeconds: 0,
    });
    expect(await l.hit('ip:1', 2, 60)).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterSeconds: 0,
    });
    const refused = await l.hit('ip:1', 2, 60);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('should set an expiry on the key so the window ends', async () => {
    await limiter().hit('ip:1', 5, 30);
    const ttl = await admin.pttl(`${prefix}ip:1`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('should start a new window once the old one ends', async () => {
    const l = limiter();
    await l.hit('ip:1', 1, 0.2);
    expect((await l.hit('ip:1', 1, 0.2)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await l.hit('ip:1', 1, 0.2)).allowed).toBe(true);
  });

  it('should share one count between two instances on two connections', async () => {
    const first = limiter();
    const second = limiter();
    expect((await first.hit('ip:1', 3, 60)).remaining).toBe(2);
    expect((await second.hit('ip:1', 3, 60)).remaining).toBe(1);
    expect((await first.hit('ip:1', 3, 60)).remaining).toBe(0);
    expect((await second.hit('ip:1', 3, 60)).allowed).toBe(false);
  });

  it('should count concurrent hits exactly once each', async () => {
    const [first, second] = [limiter(), limiter()];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).hit('burst', 10, 60)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('should repair a key left without an expiry', async () => {
    await admin.set(`${prefix}stuck`, '100');
    const result = await limiter().hit('stuck', 5, 30);
    expect(result.allowed).toBe(false);
    expect(await admin.pttl(`${prefix}stuck`)).toBeGreaterThan(0);
  });

  it('should send the script itself when Redis does not have it cached', async () => {
    // A stub, because flushing the script cache of the shared Redis would touch other clients.
    const calls: string[] = [];
    const stub = {
      evalsha: () => {
        calls.push('evalsha');
        return Promise.reject(new Error('NOSCRIPT No matching script.'));
      },
      eval: () => {
        calls.push('eval');
        return Promise.resolve([3, 5_000]);
      },
    };
    const l = new RedisRateLimiter({ redis: stub as unknown as Redis, keyPrefix: prefix });
    expect(await l.hit('ip:1', 2, 60)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 5,
    });
    expect(calls).toEqual(['evalsha', 'eval']);
  });

  it('should leave a connection it was given open', async () => {
    const own = new Redis(url);
    const l = new RedisRateLimiter({ redis: own, keyPrefix: prefix });
    await l.hit('ip:1', 5, 60);
    await l.close();
    expect(await own.ping()).toBe('PONG');
    await own.quit();
  });
});
