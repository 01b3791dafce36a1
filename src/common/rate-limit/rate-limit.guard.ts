import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  Optional,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  limitsConfig,
  type LimitsConfig,
  type RateLimitBucket,
} from '../../config/limits.config.js';
import type { Principal } from '../../modules/auth/principal.js';
import { HandlerMetadata } from '../decorators/handler-metadata.js';
import { ServiceUnavailableError } from '../errors/outage.js';
import { rateLimitRejections } from '../metrics/metrics.js';
import { RATE_LIMIT_BUCKET } from './rate-limit.constants.js';
import { RateLimitedError } from './rate-limit.errors.js';
import { RATE_LIMIT_TIERS, type RateLimitTiers } from './rate-limit-tiers.js';
import { RATE_LIMITER, type RateLimiter } from './rate-limiter.js';

interface LimitedRequest {
  ip: string;
  user?: Principal | null;
}

export interface ClientKey {
  key: string;
  employer: boolean;
}

/**
 * A signed-in employer is counted per organisation (so staff share one allowance and a proxy's
 * many clients are not lumped together); everyone else per client address. `request.ip` honours
 * X-Forwarded-For only when TRUST_PROXY is set, so a client cannot pick its own key.
 */
export async function clientKeyOf(
  request: LimitedRequest,
  tiers: RateLimitTiers | null,
): Promise<ClientKey> {
  const organisationId = request.user?.role === 'employer' ? request.user.organisationId : null;
  if (organisationId) {
    const verified = tiers ? await tiers.isVerifiedOrganisation(organisationId) : false;
    return { key: `org:${organisationId}`, employer: verified };
  }
  return { key: `ip:${request.ip}`, employer: false };
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private readonly buckets: HandlerMetadata<RateLimitBucket>;

  constructor(
    reflector: Reflector,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
    @Optional() @Inject(RATE_LIMIT_TIERS) private readonly tiers: RateLimitTiers | null,
  ) {
    this.buckets = HandlerMetadata.onHandler(reflector, RATE_LIMIT_BUCKET);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.buckets.of(context);
    if (!bucket) return true;
    const request = context.switchToHttp().getRequest<LimitedRequest>();
    const client = await clientKeyOf(request, this.tiers ?? null);
    const tier = client.employer ? 'employer' : 'anonymous';
    const limit = this.limits[bucket][tier];
    let result;
    try {
      result = await this.limiter.hit(
        `${bucket}:${tier}:${client.key}`,
        limit,
        this.limits.windowSeconds,
      );
    } catch (error) {
      // Fail closed, and say so truthfully: without the shared counter nothing bounds a scraper
      // across instances, so the request is refused as an outage (503, Retry-After), never a 500.
      // The instance is not ready meanwhile (/health/ready), so a load balancer moves traffic away.
      this.logger.warn(
        `Rate limiter unavailable: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw new ServiceUnavailableError(
        'The rate limiter is unavailable, so this request cannot be counted; retry shortly.',
      );
    }
    if (!result.allowed) {
      rateLimitRejections.inc({ bucket, tier });
      throw new RateLimitedError(result.retryAfterSeconds);
    }
    return true;
  }
}
