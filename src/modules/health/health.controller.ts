import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../../common/decorators/auth.decorators.js';
import { StartupTasksService } from './startup-tasks.service.js';

@ApiTags('Service')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly startup: StartupTasksService,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The database answers and start-up work is done' })
  @ApiServiceUnavailableResponse({
    description: 'The database does not answer, or start-up work (e.g. demo data) is unfinished',
  })
  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    const pending = this.startup.pending();
    if (pending.length > 0) {
      throw new ServiceUnavailableException(`Still starting: ${pending.join(', ')}.`);
    }
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database does not answer.');
    }
    return { status: 'ok', database: 'up' };
  }
}
