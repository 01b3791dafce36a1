import { Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditProofsService } from './audit-proofs.service.js';
import { AuditTilesService } from './audit-tiles.service.js';
import {
  AuditEntriesQueryDto,
  ConsistencyQueryDto,
  InclusionQueryDto,
} from './dto/audit-query.dto.js';
import {
  AuditCheckpointDto,
  AuditCheckpointsDto,
  AuditEntriesDto,
  ConsistencyProofDto,
  InclusionProofDto,
} from './dto/audit.dto.js';
import { parseTilePath } from './tile-path.js';

@ApiTags('Audit log')
@Controller(`${API_PREFIX}/audit`)
export class AuditLogController {
  constructor(
    private readonly auditLog: AuditLogService,
    private readonly proofs: AuditProofsService,
    private readonly tiles: AuditTilesService,
  ) {}

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

  @Get(['checkpoint', 'checkpoints/latest'])
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
    description: 'The checkpoint covering every entry queued before the call',
  })
  @ApiProblems(401, 403)
  create(): Promise<AuditCheckpointDto> {
    return this.auditLog.createCheckpoint();
  }

  @Get('proofs/inclusion')
  @Public()
  @ApiOkResponse({ type: InclusionProofDto, description: 'RFC 9162 inclusion proof' })
  @ApiProblems(400)
  inclusion(@Query() query: InclusionQueryDto): Promise<InclusionProofDto> {
    return this.proofs.inclusion(query.index, query.size);
  }

  @Get('proofs/consistency')
  @Public()
  @ApiOkResponse({ type: ConsistencyProofDto, description: 'RFC 9162 consistency proof' })
  @ApiProblems(400)
  consistency(@Query() query: ConsistencyQueryDto): Promise<ConsistencyProofDto> {
    return this.proofs.consistency(query.from, query.to);
  }

  @Get('tile/*')
  @Public()
  @ApiParam({
    name: 'path',
    description: '`<level>/<index>[.p/<width>]` or `entries/<index>[.p/<width>]` (C2SP tlog-tiles)',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'Concatenated 32-byte hashes, or a length-prefixed entry bundle' })
  @ApiProblems(404)
  async tile(
    @Param('*') raw: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const path = parseTilePath(raw ?? '');
    if (!path) throw new NotFoundError('AUDIT.TILE_NOT_FOUND', 'Not a tile path.');
    const tile = await this.tiles.tile(path);
    void reply
      .type('application/octet-stream')
      .header(
        'Cache-Control',
        tile.full ? 'public, max-age=31536000, immutable' : 'public, max-age=1',
      );
    return tile.body;
  }
}
