import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from '../../common/errors/app-error.js';
import { RATE_LIMITER, type RateLimiter } from '../../common/rate-limit/rate-limiter.js';
import { limitsConfig, type LimitsConfig } from '../../config/limits.config.js';

export class TooManyLoginAttemptsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(
      'AUTH.TOO_MANY_ATTEMPTS',
      429,
      'Too many requests',
      `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds.`,
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

export type LockScope = 'account' | 'address';

export interface LoginLock {
  scope: LockScope;
  seconds: number;
  failures: number;
}

/** Seconds locked after `failures` failures in the window: none, then 1, 2, 4 … up to the cap. */
export function lockSeconds(failures: number, free: number, max: number): number {
  if (failures < free) return 0;
  return Math.min(max, 2 ** Math.min(30, failures - free));
}

/**
 * Failed sign-ins per account and per client address, in the shared rate limiter (Redis across
 * instances, else memory). The account key is a hash of the email as typed, whether or not an
 * account has it, so the answers (and their timing) say nothing about which emails exist.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
  ) {}

  async assertAllowed(email: string, address: string): Promise<void> {
    const waits = await Promise.all(
      this.subjects(email, address).map(([scope, id]) =>
        this.limiter.remainingMs(`login:lock:${scope}:${id}`),
      ),
    );
    const wait = Math.max(...waits);
    if (wait > 0) throw new TooManyLoginAttemptsError(Math.max(1, Math.ceil(wait / 1000)));
  }

  /** Counts a failure; returns the lock-outs it started. */
  async recordFailure(email: string, address: string): Promise<LoginLock[]> {
    const { freeFailuresAccount, freeFailuresAddress, windowSeconds, lockMaxSeconds } =
      this.limits.login;
    const locks: LoginLock[] = [];
    for (const [scope, id] of this.subjects(email, address)) {
      const counted = await this.limiter.hit(`login:fail:${scope}:${id}`, 1e9, windowSeconds);
      const failures = 1e9 - counted.remaining;
      const free = scope === 'account' ? freeFailuresAccount : freeFailuresAddress;
      const seconds = lockSeconds(failures, free, lockMaxSeconds);
      if (seconds > 0) {
        await this.limiter.hit(`login:lock:${scope}:${id}`, 1, seconds);
        locks.push({ scope, seconds, failures });
      }
    }
    return locks;
  }

  private subjects(email: string, address: string): Array<[LockScope, string]> {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return [
      ['account', account],
      ['address', address],
    ];
  }
}
