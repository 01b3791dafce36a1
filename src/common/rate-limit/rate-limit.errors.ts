import { AppError } from '../errors/app-error.js';

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(
      'REQUEST.RATE_LIMITED',
      429,
      'Too many requests',
      `Too many requests from this client; try again in ${retryAfterSeconds} seconds.`,
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}
