import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { OPEN_DATA_LICENCE } from './open-data-licence.js';
import { type SignedManifest, SnapshotsService } from './snapshots.service.js';

class SignedManifestDto {
  @ApiProperty({ example: '2026-12-02' }) date: string;
  @ApiProperty({
    description:
      'Files with SHA-256 and size, the audit checkpoint, the licence (Open Government Licence v3.0)',
  })
  manifest: Record<string, unknown>;
  @ApiProperty({
    description:
      'Compact JWS (EdDSA) over manifest.json, by the registry key published in /.well-known/jwks.json',
  })
  jws: string;
}

class SnapshotListDto {
  @ApiProperty({
    type: [Object],
    example: [{ date: '2026-12-02', url: '/api/v1/open-data/2026-12-02' }],
  })
  items: { date: string; url: string }[];
  @ApiProperty() licence: string;
}

const MEDIA: Record<string, string> = {
  'register.jsonl.gz': 'application/gzip',
  'register.csv.gz': 'application/gzip',
  'manifest.json': 'application/json',
  'manifest.jws': 'application/jose',
};

@ApiTags('Open register data')
@Controller(`${API_PREFIX}/open-data`)
export class OpenDataController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The latest snapshot’s signed manifest' })
  @ApiOkResponse({ type: SignedManifestDto })
  @ApiProblems(404)
  latest(): Promise<SignedManifest> {
    return this.snapshots.latest();
  }

  @Get('snapshots')
  @Public()
  @ApiOkResponse({ type: SnapshotListDto })
  async list(): Promise<SnapshotListDto> {
    const dates = await this.snapshots.dates();
    return {
      items: dates.map((date) => ({ date, url: `/${API_PREFIX}/open-data/${date}` })),
      licence: OPEN_DATA_LICENCE.name,
    };
  }

  @Post('snapshots')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({
    summary: 'Make today’s snapshot now (it is also made daily, or by npm run snapshot)',
  })
  @ApiCreatedResponse({ type: SignedManifestDto })
  @ApiProblems(401, 403)
  make(): Promise<SignedManifest> {
    return this.snapshots.make();
  }

  @Get(':date')
  @Public()
  @ApiOkResponse({ type: SignedManifestDto })
  @ApiProblems(404)
  manifest(@Param('date') date: string): Promise<SignedManifest> {
    return this.snapshots.manifest(date);
  }

  @Get(':date/:file')
  @Public()
  @ApiProduces('application/gzip', 'application/json', 'application/jose')
  @ApiOkResponse({
    description: 'register.jsonl.gz, register.csv.gz, manifest.json or manifest.jws',
  })
  @ApiProblems(404)
  async file(
    @Param('date') date: string,
    @Param('file') name: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { stream, bytes } = await this.snapshots.file(date, name);
    await reply
      .status(200)
      .type(MEDIA[name] ?? 'application/octet-stream')
      .header('content-length', bytes)
      .header('content-disposition', `attachment; filename="register-${date}-${name}"`)
      .header('cache-control', 'public, max-age=86400, immutable')
      .send(stream);
  }
}
