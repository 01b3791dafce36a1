import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { httpConfig, type HttpConfig } from '../../config/configuration.js';
import { limitsConfig, type LimitsConfig } from '../../config/limits.config.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { RATE_LIMITER, type RateLimiter } from './rate-limiter.js';

/** One limiter for the process: Redis (shared by every instance) when REDIS_URL is set. */
@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMITER,
      inject: [httpConfig.KEY, limitsConfig.KEY],
      // ioredis (0.1-0.2 s of CPU to import) is loaded only when REDIS_URL is set.
      useFactory: async (http: HttpConfig, limits: LimitsConfig): Promise<RateLimiter> => {
        if (!http.redisUrl) return new MemoryRateLimiter();
        const { RedisRateLimiter } = await import('./redis-rate-limiter.js');
        return new RedisRateLimiter({ url: http.redisUrl, keyPrefix: limits.keyPrefix });
      },
    },
  ],
  exports: [RATE_LIMITER],
})
export class RateLimitModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMITER) private readonly limiter: RateLimiter) {}

  async onApplicationShutdown(): Promise<void> {
    await this.limiter.close();
  }
}
