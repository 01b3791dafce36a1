import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import type { CompetenceDto, RoleStandardDto } from '../roles/dto/standard.dto.js';
import { COMPETENCE_LEVELS } from '../roles/route-standing.js';
import { CsrfGuard } from './csrf.guard.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

// The latest version, whatever its date: the editor starts from it.
const LATEST = '9999-12-31';

interface EditorValues {
  effectiveFrom: string;
  cpdHoursPerYear: string;
  graceDays: string;
  note: string;
  levels: Record<string, string>;
}

/** The registrar's editor: a new version of a role's standard, from a date; audited by the API. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('registrar/roles/:code/standard')
export class StandardEditorPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async form(
    @Param('code') code: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const { latest } = await this.load(request, code);
    const values: EditorValues = {
      effectiveFrom: '',
      cpdHoursPerYear: String(latest.cpdHoursPerYear),
      graceDays: String(latest.graceDays),
      note: '',
      levels: Object.fromEntries(latest.competences.map((c) => [c.competence, c.level])),
    };
    return this.show(request, reply, code, values, [], 200);
  }

  @Post()
  async save(
    @Param('code') code: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const { latest, competences } = await this.load(request, code);
    const levels = Object.fromEntries(
      competences.map((c) => [c.code, field(body, `level-${c.code}`)]),
    );
    const values: EditorValues = {
      effectiveFrom: field(body, 'effectiveFrom'),
      cpdHoursPerYear: field(body, 'cpdHoursPerYear'),
      graceDays: field(body, 'graceDays'),
      note: field(body, 'note'),
      levels,
    };
    const chosen = Object.entries(levels)
      .filter(([, level]) => (COMPETENCE_LEVELS as readonly string[]).includes(level))
      .map(([competence, level]) => ({ competence, level }));
    const errors: FormError[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.effectiveFrom))
      errors.push({
        field: 'effectiveFrom',
        text: 'Enter the date it applies from, like 2027-04-01',
      });
    if (chosen.length === 0)
      errors.push({ field: 'competences', text: 'Choose a level for at least one competence' });
    if (!values.note.trim()) errors.push({ field: 'note', text: 'Say why the standard changes' });
    if (errors.length) return this.show(request, reply, code, values, errors, 400);
    const result = await this.api.post<RoleStandardDto>(
      request,
      `/api/v1/roles/${encodeURIComponent(code)}/standard/versions`,
      {
        effectiveFrom: values.effectiveFrom,
        competences: chosen,
        qualifications:
          latest.routes.find((r) => r.route === 'qualification')?.qualifications ?? [],
        clinicalRouteCompetences: latest.routes
          .find((r) => r.route === 'clinical-registration')
          ?.competences.map((c) => ({ competence: c.competence, level: c.level })),
        professionalRegistration: latest.routes[0]?.professionalRegistration ?? false,
        cpdHoursPerYear: Number(values.cpdHoursPerYear),
        graceDays: Number(values.graceDays),
        note: values.note.trim(),
      },
    );
    if (!result.ok) {
      const text = result.problem.errors?.[0]
        ? `${result.problem.detail} (${result.problem.errors[0].field}: ${result.problem.errors[0].message})`
        : result.problem.detail;
      return this.show(
        request,
        reply,
        code,
        values,
        [{ field: 'effectiveFrom', text }],
        result.status,
      );
    }
    return this.pages.redirect(
      reply,
      `/roles/${encodeURIComponent(code)}?saved=${result.data.version}`,
    );
  }

  private async load(request: FastifyRequest, code: string) {
    const [standard, vocabulary] = await Promise.all([
      this.api.call<RoleStandardDto>(request, {
        method: 'GET',
        url: `/api/v1/roles/${encodeURIComponent(code)}/standard?on=${LATEST}`,
      }),
      this.api.call<CompetenceDto[]>(request, { method: 'GET', url: '/api/v1/competences' }),
    ]);
    if (!standard.ok || !vocabulary.ok)
      throw new PageNotFoundError(`There is no standard for ${code}.`);
    return { latest: standard.data, competences: vocabulary.data };
  }

  private async show(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    values: EditorValues,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const { latest, competences } = await this.load(request, code);
    const rows = competences.map((c) => ({
      code: c.code,
      name: c.name,
      items: [
        { value: '', text: 'Not required', selected: !values.levels[c.code] },
        ...COMPETENCE_LEVELS.map((l) => ({
          value: l,
          text: l.charAt(0).toUpperCase() + l.slice(1),
          selected: values.levels[c.code] === l,
        })),
      ],
    }));
    return this.pages.render(
      request,
      reply,
      'standard-editor',
      {
        title: `Change the ${latest.role} standard`,
        latest,
        rows,
        values,
        ...formErrorView(errors, { competences: `level-${rows[0]?.code ?? ''}` }),
      },
      status,
    );
  }
}
