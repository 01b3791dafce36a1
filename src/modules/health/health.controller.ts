import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/auth.decorators.js';
import { RATE_LIMITER, type RateLimiter } from '../../common/rate-limit/rate-limiter.js';
import { ReadReplicas } from '../../database/public-reads.provider.js';
import type { ReplicaState } from '../../database/replica-router.js';
import { AuditSequencer, type SequencerLag } from '../audit/audit-sequencer.service.js';
import { StartupTasksService } from './startup-tasks.service.js';

interface Readiness {
  status: 'ok';
  database: 'up';
  /** Present when REDIS_URL is set: the shared store for rate limits. */
  redis?: 'up';
  /** How far the audit log lags the writes. */
  auditLog: SequencerLag;
  /** Present when DATABASE_REPLICA_URLS is in use; a replica that is down does not fail readiness. */
  replicas?: ReplicaState[];
}

@ApiTags('Service')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly sequencer: AuditSequencer,
    private readonly replicas: ReadReplicas,
    private readonly startup: StartupTasksService,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Still 200 while the audit log or a replica lags: lag is for monitoring, not load balancers. */
  @Get('ready')
  @ApiOkResponse({
    description:
      'The database answers and start-up work is done; how far the audit log lags the writes; with read replicas, each ' +
      "one's state and replay lag (a replica that is down leaves public reads on the primary, so " +
      'it does not fail readiness)',
  })
  @ApiServiceUnavailableResponse({
    description:
      'The database or (when configured) Redis does not answer, or start-up work (e.g. demo data) is unfinished',
  })
  async ready(): Promise<Readiness> {
    const pending = this.startup.pending();
    if (pending.length > 0) {
      throw new ServiceUnavailableException(`Still starting: ${pending.join(', ')}.`);
    }
    let auditLog: SequencerLag;
    try {
      auditLog = await this.sequencer.lag();
    } catch {
      throw new ServiceUnavailableException('The database does not answer.');
    }
    const redis = await this.redisState();
    const replicas = await this.replicas.states();
    return {
      status: 'ok',
      database: 'up',
      ...(redis === 'up' ? { redis } : {}),
      auditLog,
      ...(replicas ? { replicas } : {}),
    };
  }

  /** 'up' when Redis backs the rate limits and answers within 2 s; undefined without Redis. */
  private async redisState(): Promise<'up' | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), 2000);
    });
    try {
      const store = await Promise.race([this.limiter.ping(), timeout]);
      return store === 'redis' ? 'up' : undefined;
    } catch {
      throw new ServiceUnavailableException('Redis does not answer.');
    } finally {
      clearTimeout(timer);
    }
  }
}
