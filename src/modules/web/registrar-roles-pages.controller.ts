import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { KINDS } from './check-form.js';
import { CsrfGuard } from './csrf.guard.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { asArray, asObject, num, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

/** Blank requirement rows offered after the existing ones: enough to add two without scripts. */
const SPARE_ROWS = 2;
const MAX_ROWS = 10;

interface RequirementRow {
  kind: string;
  minLevel: string;
  description: string;
}

interface RoleForm {
  code: string;
  title: string;
  description: string;
  clinical: string;
  professionalRegistration: string;
  cpdHoursPerYear: string;
  graceDays: string;
  rows: RequirementRow[];
}

const yesNo = (value: unknown) => (value === true ? 'yes' : 'no');

function formFromRole(role: unknown): RoleForm {
  const requirements = asObject(asObject(role).requirements);
  return {
    code: text(role, 'code'),
    title: text(role, 'title'),
    description: text(role, 'description'),
    clinical: yesNo(asObject(role).clinical),
    professionalRegistration: yesNo(requirements.professionalRegistration),
    cpdHoursPerYear: String(num(requirements, 'cpdHoursPerYear') ?? 0),
    graceDays: String(num(requirements, 'graceDays') ?? 0),
    rows: asArray(requirements.credentials).map((c) => ({
      kind: text(c, 'kind'),
      minLevel: text(c, 'minLevel'),
      description: text(c, 'description'),
    })),
  };
}

function formFromBody(body: unknown): RoleForm {
  const rows: RequirementRow[] = [];
  for (let i = 0; i < MAX_ROWS + SPARE_ROWS; i++) {
    const row = {
      kind: field(body, `req[${i}][kind]`),
      minLevel: field(body, `req[${i}][minLevel]`),
      description: field(body, `req[${i}][description]`),
    };
    if (row.kind || row.minLevel || row.description) rows.push(row);
  }
  return {
    code: field(body, 'code').toUpperCase(),
    title: field(body, 'title'),
    description: field(body, 'description'),
    clinical: field(body, 'clinical'),
    professionalRegistration: field(body, 'professionalRegistration'),
    cpdHoursPerYear: field(body, 'cpdHoursPerYear'),
    graceDays: field(body, 'graceDays'),
    rows,
  };
}

/** The API body for a role form, or the form's errors. */
function readRole(
  form: RoleForm,
  isNew: boolean,
): { errors: FormError[]; body: Record<string, unknown> } {
  const errors: FormError[] = [];
  if (isNew && !/^[A-Z][A-Z0-9]{1,19}$/.test(form.code))
    errors.push({
      field: 'code',
      text: 'Enter a code of 2 to 20 capital letters or digits, like CCIO',
    });
  if (!form.title) errors.push({ field: 'title', text: 'Enter the role’s title' });
  if (form.clinical !== 'yes' && form.clinical !== 'no')
    errors.push({ field: 'clinical', text: 'Select whether the role is clinical' });
  if (form.professionalRegistration !== 'yes' && form.professionalRegistration !== 'no')
    errors.push({
      field: 'professionalRegistration',
      text: 'Select whether a professional registration is needed',
    });
  const hours = Number(form.cpdHoursPerYear);
  if (!/^\d{1,3}$/.test(form.cpdHoursPerYear) || hours > 500)
    errors.push({
      field: 'cpdHoursPerYear',
      text: 'CPD hours a year must be a whole number from 0 to 500',
    });
  const grace = Number(form.graceDays);
  if (!/^\d{1,4}$/.test(form.graceDays) || grace > 1095)
    errors.push({
      field: 'graceDays',
      text: 'Days of grace must be a whole number from 0 to 1095',
    });
  form.rows.forEach((row, i) => {
    if (!KINDS.some((k) => k.value === row.kind))
      errors.push({
        field: `req-${i}-kind`,
        text: `Requirement ${i + 1}: select the type of credential`,
      });
  });
  if (form.rows.length > MAX_ROWS)
    errors.push({
      field: 'req-0-kind',
      text: `A role can have ${MAX_ROWS} credential requirements at most`,
    });
  return {
    errors,
    body: {
      ...(isNew ? { code: form.code } : {}),
      title: form.title,
      ...(form.description ? { description: form.description } : {}),
      clinical: form.clinical === 'yes',
      requirements: {
        credentials: form.rows.map((r) => ({
          kind: r.kind,
          ...(r.minLevel ? { minLevel: Number(r.minLevel) } : {}),
          ...(r.description ? { description: r.description } : {}),
        })),
        professionalRegistration: form.professionalRegistration === 'yes',
        cpdHoursPerYear: hours,
        graceDays: grace,
      },
    },
  };
}

/** The registrar defines leadership roles and what each requires; the API audits each change. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('registrar/roles')
export class RegistrarRolesPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const result = await this.api.get<unknown>(request, '/api/v1/roles');
    const roles = asArray(result.ok ? result.data : []).map(formFromRole);
    return this.pages.render(request, reply, 'registrar-roles', {
      title: 'Roles and their requirements',
      roles,
      done: field(params, 'done'),
    });
  }

  @Get('new')
  newRole(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'registrar');
    return this.renderForm(request, reply, formFromRole({ requirements: {} }), true, [], 200);
  }

  @Post()
  async create(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const form = formFromBody(body);
    const { errors, body: role } = readRole(form, true);
    if (errors.length) return this.renderForm(request, reply, form, true, errors, 400);
    const result = await this.api.post<unknown>(request, '/api/v1/roles', role);
    if (!result.ok)
      return this.renderForm(
        request,
        reply,
        form,
        true,
        [
          {
            field: result.status === 409 ? 'code' : 'title',
            text:
              result.status === 409
                ? 'There is already a role with that code'
                : (result.problem.errors?.[0]?.message ?? result.problem.detail),
          },
        ],
        result.status === 409 ? 409 : 400,
      );
    return this.pages.redirect(reply, `/registrar/roles?done=${encodeURIComponent(form.code)}`);
  }

  @Get(':code')
  async edit(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('code') code: string,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const result = await this.api.get<unknown>(request, '/api/v1/roles');
    const role = asArray(result.ok ? result.data : []).find((r) => text(r, 'code') === code);
    if (!role) throw new PageNotFoundError('There is no role with that code.');
    return this.renderForm(request, reply, formFromRole(role), false, [], 200);
  }

  @Post(':code')
  async update(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('code') code: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const form = { ...formFromBody(body), code };
    const { errors, body: role } = readRole(form, false);
    if (errors.length) return this.renderForm(request, reply, form, false, errors, 400);
    const result = await this.api.call<unknown>(request, {
      method: 'PATCH',
      url: `/api/v1/roles/${encodeURIComponent(code)}`,
      body: role,
    });
    if (!result.ok) {
      if (result.status === 404) throw new PageNotFoundError('There is no role with that code.');
      return this.renderForm(
        request,
        reply,
        form,
        false,
        [{ field: 'title', text: result.problem.errors?.[0]?.message ?? result.problem.detail }],
        400,
      );
    }
    return this.pages.redirect(reply, `/registrar/roles?done=${encodeURIComponent(code)}`);
  }

  private renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: RoleForm,
    isNew: boolean,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const rows = [...form.rows];
    for (let i = 0; i < SPARE_ROWS; i++) rows.push({ kind: '', minLevel: '', description: '' });
    const levels = [{ value: '', text: 'Any level' }].concat(
      [3, 4, 5, 6, 7, 8].map((l) => ({ value: String(l), text: `Level ${l}` })),
    );
    return this.pages.render(
      request,
      reply,
      'registrar-role',
      {
        title: isNew ? 'New role' : `Role: ${form.title}`,
        isNew,
        values: form,
        rows: rows.map((r, i) => ({
          index: i,
          number: i + 1,
          description: r.description,
          kinds: [
            { value: '', text: i < form.rows.length ? 'Select a type' : 'None (leave empty)' },
          ]
            .concat(KINDS)
            .map((k) => ({ ...k, selected: k.value === r.kind })),
          levels: levels.map((l) => ({ ...l, selected: l.value === r.minLevel })),
        })),
        yesNo: (name: string) => [
          {
            value: 'yes',
            text: 'Yes',
            checked: (form as unknown as Record<string, string>)[name] === 'yes',
          },
          {
            value: 'no',
            text: 'No',
            checked: (form as unknown as Record<string, string>)[name] === 'no',
          },
        ],
        ...formErrorView(errors, {
          clinical: 'clinical',
          professionalRegistration: 'professionalRegistration',
        }),
      },
      status,
    );
  }
}
