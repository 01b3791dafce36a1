import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import type { RateLimitBucket } from '../../config/limits.config.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { RATE_LIMIT_BUCKET } from './rate-limit.constants.js';
import { RateLimitGuard } from './rate-limit.guard.js';

/**
 * Counts the request against the per-client limit of `bucket` (429 with Retry-After past it).
 * Runs after the global authentication guard, so a signed-in employer is known.
 */
export const RateLimit = (bucket: RateLimitBucket) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_BUCKET, bucket),
    UseGuards(RateLimitGuard),
    ApiProblems(429),
  );
