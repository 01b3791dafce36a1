import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/auth.decorators.js';
import { ReadReplicas } from '../../database/public-reads.provider.js';
import type { ReplicaState } from '../../database/replica-router.js';
import { AuditSequencer, type SequencerLag } from '../audit/audit-sequencer.service.js';
import { StartupTasksService } from './startup-tasks.service.js';

interface Readiness {
  status: 'ok';
  database: 'up';
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
    description: 'The database does not answer, or start-up work (e.g. demo data) is unfinished',
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
    const replicas = await this.replicas.states();
    return replicas
      ? { status: 'ok', database: 'up', auditLog, replicas }
      : { status: 'ok', database: 'up', auditLog };
  }
}
