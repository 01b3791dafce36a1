export interface RateLimitResult {
  allowed: boolean;
  /** Hits left in the current window. */
  remaining: number;
  /** 0 when allowed; otherwise whole seconds until the window resets (for `Retry-After`). */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counter per key. Callers put everything that distinguishes a limit into the key
 * (route, client, tier), because the limit and window of the first hit in a window govern it.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  /** Milliseconds until the key's current window ends; 0 when it has none. Counts nothing. */
  remainingMs(key: string): Promise<number>;
  close(): Promise<void>;
  /** Which shared store backs the limiter, after checking that it answers (rejects when not). */
  ping(): Promise<'redis' | 'memory'>;
}

export const RATE_LIMITER = Symbol('RATE_LIMITER');

export function assertLimitArguments(key: string, limit: number, windowSeconds: number): void {
  if (key === '') throw new RangeError('key must not be empty');
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError('limit must be a whole number from 1');
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) {
    throw new RangeError('windowSeconds must be positive');
  }
}

export function toResult(count: number, limit: number, msUntilReset: number): RateLimitResult {
  const allowed = count <= limit;
  return {
    allowed,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(msUntilReset / 1000)),
  };
}
