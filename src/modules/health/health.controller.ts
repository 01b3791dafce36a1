import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../../common/decorators/auth.decorators.js';
import { ReadReplicas } from '../../database/public-reads.provider.js';
import type { ReplicaState } from '../../database/replica-router.js';

interface Readiness {
  status: 'ok';
  database: 'up';
  /** Present when DATABASE_REPLICA_URLS is in use; a replica that is down does not fail readiness. */
  replicas?: ReplicaState[];
}

@ApiTags('Service')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({
    description:
      "The database answers; with read replicas, each one's state and replay lag (a replica " +
      'that is down leaves public reads on the primary, so it does not fail readiness)',
  })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async ready(): Promise<Readiness> {
    const replicas = this.replicas.states();
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database does not answer.');
    }
    return replicas
      ? { status: 'ok', database: 'up', replicas: await replicas }
      : { status: 'ok', database: 'up' };
  }
}
