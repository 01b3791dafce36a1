import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

interface Snapshot {
  date: string;
  manifest: {
    records: number;
    generatedAt: string;
    licence: { name: string; url: string; attribution: string };
    files: { name: string; sha256: string; bytes: number; url: string }[];
  };
}

/** The register as open data: the licence, the latest snapshot's files and hashes, the feed. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('open-data')
export class OpenDataPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly api: RegistryApi,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const latest = await this.api.call<Snapshot>(request, {
      method: 'GET',
      url: '/api/v1/open-data',
    });
    const snapshot = latest.ok ? latest.data : null;
    return this.pages.render(request, reply, 'open-data', {
      title: 'Open register data',
      snapshot,
      files: (snapshot?.manifest.files ?? []).map((f) => ({
        ...f,
        size: `${Math.max(1, Math.round(f.bytes / 1024)).toLocaleString('en-GB')} KB`,
      })),
    });
  }
}
