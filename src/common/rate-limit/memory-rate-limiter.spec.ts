import { MemoryRateLimiter } from './memory-rate-limiter.js';

describe(MemoryRateLimiter.name, () => {
  let now: number;
  let limiter: MemoryRateLimiter;

  beforeEach(() => {
    now = 1_000_000;
    limiter = new MemoryRateLimiter({ now: () => now });
  });

  it('should allow up to the limit and then refuse with a retry time', async () => {
    expect(await limiter.hit('ip:1', 2, 60)).toEqual({
      allowed: true,
      remaining: 1,
      retryAfterSeconds: 0,
    });
    expect(await limiter.hit('ip:1', 2, 60)).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterSeconds: 0,
    });
    now += 15_500;
    expect(await limiter.hit('ip:1', 2, 60)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 45,
    });
  });

  it('should start a new window once the old one ends', async () => {
    await limiter.hit('ip:1', 1, 10);
    expect((await limiter.hit('ip:1', 1, 10)).allowed).toBe(false);
    now += 10_000;
    expect(await limiter.hit('ip:1', 1, 10)).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterSeconds: 0,
    });
  });

  it('should count keys separately', async () => {
    await limiter.hit('ip:1', 1, 10);
    expect((await limiter.hit('ip:2', 1, 10)).allowed).toBe(true);
  });

  it('should forget expired keys', async () => {
    for (let i = 0; i < 50; i++) await limiter.hit(`ip:${i}`, 5, 1);
    expect(limiter.size).toBe(50);
    now += 2_000;
    await limiter.hit('ip:new', 5, 1);
    expect(limiter.size).toBe(1);
  });

  it('should hold no more than maxKeys, dropping the oldest', async () => {
    const small = new MemoryRateLimiter({ maxKeys: 3, now: () => now });
    for (const key of ['a', 'b', 'c', 'd']) await small.hit(key, 1, 60);
    expect(small.size).toBe(3);
    expect((await small.hit('d', 1, 60)).allowed).toBe(false);
    expect((await small.hit('a', 1, 60)).allowed).toBe(true);
  });

  it('should reject nonsense arguments', () => {
    expect(() => limiter.hit('', 1, 1)).toThrow(RangeError);
    expect(() => limiter.hit('k', 0, 1)).toThrow(RangeError);
    expect(() => limiter.hit('k', 1, 0)).toThrow(RangeError);
  });

  it('should drop everything on close', async () => {
    await limiter.hit('ip:1', 1, 60);
    await limiter.close();
    expect(limiter.size).toBe(0);
  });
});
