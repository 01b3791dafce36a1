import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditEntriesQueryDto, PageQueryDto } from './dto/audit-query.dto.js';
import { AuditCheckpointDto, AuditCheckpointsDto, AuditEntriesDto } from './dto/trust.dto.js';

@ApiTags('Trust')
@Controller(`${API_PREFIX}/audit`)
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get('entries')
  @Public()
  @ApiOkResponse({
    type: AuditEntriesDto,
    description: 'Entries from..to by seq (at most 1000); ids only',
  })
  @ApiProblems(400)
  entries(@Query() query: AuditEntriesQueryDto): Promise<AuditEntriesDto> {
    return this.auditLog.entries(query.from ?? 1, query.to);
  }

  @Get('checkpoints/latest')
  @Public()
  @Header('Cache-Control', 'no-cache')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The latest C2SP tlog-checkpoint, signed by the registry key' })
  async latest(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const checkpoint = await this.auditLog.latestCheckpoint();
    void reply.type('text/plain; charset=utf-8');
    return checkpoint.note;
  }

  @Get('checkpoints')
  @Public()
  @ApiOkResponse({ type: AuditCheckpointsDto, description: 'Every checkpoint, oldest first' })
  @ApiProblems(400)
  list(@Query() query: PageQueryDto): Promise<AuditCheckpointsDto> {
    return this.auditLog.checkpoints(query.page ?? 1, query.pageSize ?? 20);
  }

  @Post('checkpoints')
  @HttpCode(200)
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: AuditCheckpointDto,
    description: 'A new checkpoint (or the latest, when nothing was appended since)',
  })
  @ApiProblems(401, 403, 409)
  create(): Promise<AuditCheckpointDto> {
    return this.auditLog.createCheckpoint();
  }
}
