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
import { parseRegisterNumber } from '../practitioners/register-number.js';
import { CsrfGuard } from './csrf.guard.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { formatDateTime } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import { humanise, registerStatusTag } from './tags.js';

/** What the registrar's office does from the pages, each a link from its start page. */
export const REGISTRAR_TASKS: { href: string; text: string; description: string }[] = [
  {
    href: '/registrar/bodies',
    text: 'Certifying bodies',
    description: 'Recognise a body, suspend or restore it, and record the other names it goes by',
  },
  {
    href: '/registrar/roles',
    text: 'Roles and their requirements',
    description: 'What each leadership role needs: credentials, registration and CPD',
  },
  {
    href: '/registrar/organisations',
    text: 'Employer organisations',
    description: 'Verify organisations that have signed up',
  },
  {
    href: '/registrar/practitioners',
    text: 'Practitioners',
    description: 'Change a practitioner’s register status and conditions',
  },
  {
    href: '/registrar/disputes',
    text: 'Disputes',
    description: 'Records a practitioner or employer has contested',
  },
  {
    href: '/registrar/audit',
    text: 'Audit trail',
    description: 'Every change to the register, newest first',
  },
];

const BODY_KINDS = [
  { value: 'university', text: 'University' },
  { value: 'professional-body', text: 'Professional body' },
  { value: 'academy', text: 'Academy' },
];

const REGISTER_STATUSES = [
  { value: 'registered', text: 'Registered' },
  { value: 'registered-with-conditions', text: 'Registered with conditions' },
  { value: 'suspended', text: 'Suspended' },
  { value: 'lapsed', text: 'Lapsed' },
  { value: 'removed', text: 'Removed' },
];

const capitalise = (s: string) =>
  s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Something went wrong';

const firstProblem = (problem: { detail: string; errors?: { message: string }[] }) =>
  capitalise(problem.errors?.[0]?.message ?? problem.detail);

/**
 * The registrar's office: bodies, organisations and practitioners' register status. Every action
 * goes through the API, which checks the role and writes the audit entry.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('registrar')
export class RegistrarPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'registrar');
    return this.pages.render(request, reply, 'registrar-home', {
      title: 'Registrar',
      tasks: REGISTRAR_TASKS,
    });
  }

  @Get('bodies')
  bodies(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'registrar');
    return this.renderBodies(request, reply, {}, [], 200);
  }

  @Post('bodies')
  async recognise(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const values = {
      name: field(body, 'name'),
      kind: field(body, 'kind'),
      website: field(body, 'website'),
    };
    const errors: FormError[] = [];
    if (!values.name) errors.push({ field: 'name', text: 'Enter the body’s name' });
    if (!BODY_KINDS.some((k) => k.value === values.kind))
      errors.push({ field: 'kind', text: 'Select the kind of body' });
    if (values.website && !/^https?:\/\/\S+\.\S+$/.test(values.website))
      errors.push({
        field: 'website',
        text: 'Enter the website as a full address, like https://www.example.ac.uk',
      });
    if (errors.length) return this.renderBodies(request, reply, values, errors, 400);
    const result = await this.api.post<unknown>(request, '/api/v1/issuers', {
      name: values.name,
      kind: values.kind,
      ...(values.website ? { website: values.website } : {}),
    });
    if (!result.ok)
      return this.renderBodies(
        request,
        reply,
        values,
        [
          {
            field: 'name',
            text:
              result.status === 409
                ? 'A body with that name is already on the list'
                : firstProblem(result.problem),
          },
        ],
        result.status === 409 ? 409 : 400,
      );
    return this.pages.redirect(
      reply,
      `/registrar/bodies/${text(result.data, 'id')}?done=recognised`,
    );
  }

  @Get('bodies/:id')
  body(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    return this.renderBody(request, reply, id, {}, [], 200, field(params, 'done'));
  }

  @Post('bodies/:id/status')
  async bodyStatus(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const status = field(body, 'status');
    const reason = field(body, 'statusReason');
    if (!reason)
      return this.renderBody(
        request,
        reply,
        id,
        { statusReason: reason },
        [{ field: 'statusReason', text: 'Enter why the body’s recognition is changing' }],
        400,
      );
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/issuers/${encodeURIComponent(id)}/status`,
      { status, reason },
    );
    if (!result.ok)
      return this.renderBody(
        request,
        reply,
        id,
        { statusReason: reason },
        [{ field: 'statusReason', text: firstProblem(result.problem) }],
        result.status === 409 ? 409 : 400,
      );
    return this.pages.redirect(reply, `/registrar/bodies/${encodeURIComponent(id)}?done=${status}`);
  }

  @Post('bodies/:id/aliases')
  async bodyAliases(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const raw = field(body, 'aliases');
    const aliases = raw
      .split(/\r?\n/)
      .map((a) => a.trim())
      .filter(Boolean);
    const errors: FormError[] = [];
    if (aliases.length > 20)
      errors.push({ field: 'aliases', text: 'Enter 20 other names or fewer' });
    if (aliases.some((a) => a.length > 200))
      errors.push({ field: 'aliases', text: 'Each name must be 200 characters or fewer' });
    if (errors.length) return this.renderBody(request, reply, id, { aliases: raw }, errors, 400);
    const result = await this.api.call<unknown>(request, {
      method: 'PUT',
      url: `/api/v1/issuers/${encodeURIComponent(id)}/aliases`,
      body: { aliases },
    });
    if (!result.ok)
      return this.renderBody(
        request,
        reply,
        id,
        { aliases: raw },
        [{ field: 'aliases', text: firstProblem(result.problem) }],
        400,
      );
    return this.pages.redirect(reply, `/registrar/bodies/${encodeURIComponent(id)}?done=aliases`);
  }

  @Get('organisations')
  async organisations(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const result = await this.api.get<unknown>(request, '/api/v1/organisations');
    const organisations = asArray(result.ok ? result.data : []).map((o) => ({
      id: text(o, 'id'),
      name: text(o, 'name'),
      verified: asObject(o).verified === true,
      verifiedAt: formatDateTime(text(o, 'verifiedAt')),
    }));
    return this.pages.render(request, reply, 'registrar-organisations', {
      title: 'Employer organisations',
      pending: organisations.filter((o) => !o.verified),
      verified: organisations.filter((o) => o.verified),
      done: field(params, 'done') === 'verified',
    });
  }

  @Post('organisations/:id/verify')
  async verifyOrganisation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/organisations/${encodeURIComponent(id)}/verify`,
      {},
    );
    if (!result.ok) throw new PageNotFoundError('There is no organisation with that id.');
    return this.pages.redirect(reply, '/registrar/organisations?done=verified');
  }

  @Get('practitioners')
  findPractitioner(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const raw = field(params, 'registerNumber');
    if (!raw)
      return this.pages.render(request, reply, 'registrar-practitioner-find', {
        title: 'Practitioners',
        values: {},
      });
    const parsed = parseRegisterNumber(raw);
    if (!parsed.ok)
      return this.pages.render(
        request,
        reply,
        'registrar-practitioner-find',
        {
          title: 'Practitioners',
          values: { registerNumber: raw },
          ...formErrorView([
            {
              field: 'registerNumber',
              text: 'Enter a register number: DL followed by 8 digits, for example DL12345671',
            },
          ]),
        },
        400,
      );
    return this.pages.redirect(reply, `/registrar/practitioners/${parsed.value}`);
  }

  @Get('practitioners/:registerNumber')
  practitioner(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('registerNumber') registerNumber: string,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    return this.renderPractitioner(
      request,
      reply,
      registerNumber,
      null,
      [],
      200,
      field(params, 'done') === '1',
    );
  }

  @Post('practitioners/:registerNumber/status')
  async practitionerStatus(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('registerNumber') registerNumber: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const values = {
      status: field(body, 'status'),
      conditions: field(body, 'conditions'),
      reason: field(body, 'reason'),
    };
    const errors: FormError[] = [];
    if (!REGISTER_STATUSES.some((s) => s.value === values.status))
      errors.push({ field: 'status', text: 'Select the new register status' });
    if (values.status === 'registered-with-conditions' && !values.conditions)
      errors.push({ field: 'conditions', text: 'Enter the conditions the practitioner must meet' });
    if (!values.reason) errors.push({ field: 'reason', text: 'Enter the reason for the change' });
    if (errors.length)
      return this.renderPractitioner(request, reply, registerNumber, values, errors, 400);
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/practitioners/${encodeURIComponent(registerNumber)}/status`,
      {
        status: values.status,
        reason: values.reason,
        ...(values.status === 'registered-with-conditions'
          ? { conditions: values.conditions }
          : {}),
      },
    );
    if (!result.ok) {
      if (result.status === 404)
        throw new PageNotFoundError('There is no practitioner with that register number.');
      const apiField = result.problem.errors?.[0]?.field;
      return this.renderPractitioner(
        request,
        reply,
        registerNumber,
        values,
        [
          {
            field: apiField === 'conditions' ? 'conditions' : 'status',
            text: firstProblem(result.problem),
          },
        ],
        result.status === 409 ? 409 : 400,
      );
    }
    return this.pages.redirect(
      reply,
      `/registrar/practitioners/${encodeURIComponent(registerNumber)}?done=1`,
    );
  }

  private async renderBodies(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const result = await this.api.get<unknown>(request, '/api/v1/issuers/all');
    const bodies = asArray(result.ok ? result.data : []).map((b) => ({
      id: text(b, 'id'),
      name: text(b, 'name'),
      kind: humanise(text(b, 'kind')),
      suspended: text(b, 'status') === 'suspended',
    }));
    return this.pages.render(
      request,
      reply,
      'registrar-bodies',
      {
        title: 'Certifying bodies',
        bodies,
        values,
        kinds: BODY_KINDS.map((k) => ({ ...k, checked: k.value === values.kind })),
        ...formErrorView(errors, { kind: 'kind' }),
      },
      status,
    );
  }

  private async renderBody(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, string>,
    errors: FormError[],
    status: number,
    done = '',
  ): Promise<void> {
    const result = await this.api.get<unknown>(request, '/api/v1/issuers/all');
    const found = asArray(result.ok ? result.data : []).find((b) => text(b, 'id') === id);
    if (!found) throw new PageNotFoundError('There is no certifying body with that id.');
    const aliases = asArray(asObject(found).aliases).map((a) => text({ a }, 'a'));
    const body = {
      id,
      name: text(found, 'name'),
      kind: humanise(text(found, 'kind')),
      website: text(found, 'website'),
      status: text(found, 'status'),
      aliases,
    };
    return this.pages.render(
      request,
      reply,
      'registrar-body',
      {
        title: body.name,
        body,
        done,
        values: { aliases: aliases.join('\n'), ...values },
        ...formErrorView(errors),
      },
      status,
    );
  }

  private async renderPractitioner(
    request: FastifyRequest,
    reply: FastifyReply,
    registerNumber: string,
    values: Record<string, string> | null,
    errors: FormError[],
    status: number,
    done = false,
  ): Promise<void> {
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/practitioners/${encodeURIComponent(registerNumber)}`,
    );
    if (!result.ok)
      throw new PageNotFoundError('There is no practitioner with that register number.');
    const p = asObject(result.data);
    const current = text(p, 'registerStatus');
    const shown = values ?? {
      status: current,
      conditions: text(p, 'conditions'),
      reason: '',
    };
    return this.pages.render(
      request,
      reply,
      'registrar-practitioner',
      {
        title: `${text(p, 'givenName')} ${text(p, 'familyName')}`,
        practitioner: {
          registerNumber: text(p, 'registerNumber'),
          name: `${text(p, 'givenName')} ${text(p, 'familyName')}`,
          status: registerStatusTag(current),
          statusReason: text(p, 'statusReason'),
          conditions: text(p, 'conditions'),
        },
        done,
        values: shown,
        statuses: REGISTER_STATUSES.map((s) => ({ ...s, checked: s.value === shown.status })),
        ...formErrorView(errors, { status: 'status' }),
      },
      status,
    );
  }
}
