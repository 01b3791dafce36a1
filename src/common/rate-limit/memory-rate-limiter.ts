import {
  assertLimitArguments,
  toResult,
  type RateLimiter,
  type RateLimitResult,
} from './rate-limiter.js';

interface Window {
  count: number;
  resetAt: number;
}

export interface MemoryRateLimiterOptions {
  /** Most keys held at once; past it, the oldest windows are dropped (they fail open). */
  maxKeys?: number;
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

/** One process only: for tests and single-instance runs. Use the Redis one behind a load balancer. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly maxKeys: number;
  private readonly now: () => number;
  private nextSweepAt = 0;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.windows.size;
  }

  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    assertLimitArguments(key, limit, windowSeconds);
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      this.windows.delete(key);
      window = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, window);
      this.evictOverflow();
    }
    window.count++;
    return Promise.resolve(toResult(window.count, limit, window.resetAt - now));
  }

  ping(): Promise<'memory'> {
    return Promise.resolve('memory');
  }

  remainingMs(key: string): Promise<number> {
    const window = this.windows.get(key);
    return Promise.resolve(window ? Math.max(0, window.resetAt - this.now()) : 0);
  }

  close(): Promise<void> {
    this.windows.clear();
    return Promise.resolve();
  }

  // A full scan at most once a second keeps the cost per hit constant on average.
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + 1000;
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) this.windows.delete(key);
    }
  }

  // Map order is insertion order, and a key is re-inserted when its window restarts.
  private evictOverflow(): void {
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) return;
      this.windows.delete(key);
    }
  }
}
