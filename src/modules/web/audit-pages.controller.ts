import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { field } from './form-errors.js';
import { formatDateTime } from './format.js';
import { asArray, asObject, num, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

/** Entries a page shows, newest first. */
const PER_PAGE = 50;

/**
 * The registrar reads the audit trail: the newest entries of the public transparency log, as
 * GET /api/v1/audit/entries publishes them, with a link to older ones.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('registrar/audit')
export class AuditPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async trail(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const total = await this.total(request);
    const asked = Number(field(params, 'before'));
    const before = Number.isInteger(asked) && asked > 1 && asked <= total + 1 ? asked : total + 1;
    const from = Math.max(1, before - PER_PAGE);
    const entries =
      before > 1
        ? await this.entries(request, `/api/v1/audit/entries?from=${from}&to=${before - 1}`)
        : [];
    return this.pages.render(request, reply, 'registrar-audit', {
      title: 'Audit trail',
      columnWidth: 'full',
      total,
      entries: entries.reverse(),
      older: from > 1 ? `/registrar/audit?before=${from}` : null,
      newer: before <= total ? `/registrar/audit` : null,
    });
  }

  private async total(request: FastifyRequest): Promise<number> {
    const result = await this.api.get<unknown>(request, '/api/v1/audit/entries?from=1&to=1');
    if (!result.ok) throw new Error(`The audit log could not be read (${result.status})`);
    return Number(asObject(result.data).total ?? 0);
  }

  private async entries(request: FastifyRequest, url: string) {
    const result = await this.api.get<unknown>(request, url);
    if (!result.ok) throw new Error(`The audit log could not be read (${result.status})`);
    return asArray(asObject(result.data).items).map((item) => {
      const e = asObject(item);
      return {
        seq: String(num(e, 'seq') ?? ''),
        at: formatDateTime(text(e, 'occurredAt')),
        action: text(e, 'action'),
        actor: text(e, 'actorType'),
        entity: `${text(e, 'entityType')} ${text(e, 'entityId')}`.trim(),
      };
    });
  }
}
