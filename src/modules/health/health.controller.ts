import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../../common/decorators/auth.decorators.js';
import { AuditSequencer, type SequencerLag } from '../audit/audit-sequencer.service.js';

@ApiTags('Service')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sequencer: AuditSequencer,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Still 200 while the audit log lags: the lag is for monitoring, not for load balancers. */
  @Get('ready')
  @ApiOkResponse({ description: 'The database answers; how far the audit log lags the writes' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async ready(): Promise<{ status: 'ok'; database: 'up'; auditLog: SequencerLag }> {
    let auditLog: SequencerLag;
    try {
      auditLog = await this.sequencer.lag();
    } catch {
      throw new ServiceUnavailableException('The database does not answer.');
    }
    return { status: 'ok', database: 'up', auditLog };
  }
}
