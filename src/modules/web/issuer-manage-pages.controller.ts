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
import { readDateParts } from './dates.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { formatDate, formatDateTime } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { query, RegistryApi } from './registry-api.js';
import { credentialStatusTag, humanise } from './tags.js';

const STATUSES = [
  { value: '', text: 'Any status' },
  { value: 'active', text: 'Current' },
  { value: 'suspended', text: 'Suspended' },
  { value: 'revoked', text: 'Revoked' },
  { value: 'expired', text: 'Expired' },
];

const ACTIONS: Record<string, { button: string; done: string; reasonRequired: boolean }> = {
  suspend: { button: 'Suspend credential', done: 'suspended', reasonRequired: true },
  reinstate: { button: 'Reinstate credential', done: 'reinstated', reasonRequired: true },
  revoke: { button: 'Revoke credential', done: 'revoked', reasonRequired: true },
  renew: { button: 'Renew credential', done: 'renewed', reasonRequired: false },
};

const capitalise = (s: string) =>
  s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Something went wrong';

/**
 * A certifying body's own records: what it issued (searched, filtered, paged by cursor), each
 * credential's status changes with a reason, its API keys and its staff. All through the API.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('issuer')
export class IssuerManagePagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get('credentials')
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'issuer');
    const values = {
      q: field(params, 'q').slice(0, 100),
      status: field(params, 'status'),
      kind: field(params, 'kind'),
      registerNumber: field(params, 'registerNumber').toUpperCase().replace(/\s+/g, ''),
    };
    const cursor = field(params, 'cursor');
    const errors: FormError[] = [];
    if (values.registerNumber && !/^DL\d{8}$/.test(values.registerNumber))
      errors.push({
        field: 'registerNumber',
        text: 'A register number is DL followed by 8 digits, for example DL12345671',
      });
    const filters = {
      q: values.q,
      status: STATUSES.some((s) => s.value === values.status) ? values.status : '',
      kind: KINDS.some((k) => k.value === values.kind) ? values.kind : '',
      registerNumber: errors.length ? '' : values.registerNumber,
    };
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/credentials${query({ ...filters, cursor, pageSize: 20 })}`,
    );
    if (!result.ok)
      errors.push({
        field: 'q',
        text:
          result.problem.code === 'CREDENTIAL.CURSOR_INVALID'
            ? 'That page link has expired. Start again from the first page'
            : capitalise(result.problem.errors?.[0]?.message ?? result.problem.detail),
      });
    const data = asObject(result.ok ? result.data : {});
    const items = asArray(data.items).map((c) => ({
      id: text(c, 'id'),
      title: text(c, 'title'),
      registerNumber: text(c, 'registerNumber'),
      kind: KINDS.find((k) => k.value === text(c, 'kind'))?.text ?? humanise(text(c, 'kind')),
      reference: text(c, 'issuerReference'),
      awardedOn: formatDate(text(c, 'awardedOn')),
      status: credentialStatusTag(text(c, 'status'), ''),
    }));
    const next = text(data, 'next');
    const total = Number(data.total) || 0;
    return this.pages.render(
      request,
      reply,
      'issuer-credentials',
      {
        title: 'Credentials you issued',
        values,
        statuses: STATUSES.map((s) => ({ ...s, selected: s.value === filters.status })),
        kinds: [{ value: '', text: 'Any type' }].concat(KINDS).map((k) => ({
          ...k,
          selected: k.value === filters.kind,
        })),
        items,
        total,
        summary:
          total === 0
            ? 'No credentials match'
            : `${total} credential${total === 1 ? '' : 's'} match`,
        nextHref: next ? `/issuer/credentials${query({ ...filters, cursor: next })}` : null,
        firstHref: cursor ? `/issuer/credentials${query(filters)}` : null,
        ...formErrorView(errors),
      },
      errors.length ? 400 : 200,
    );
  }

  @Get('credentials/:id')
  show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'issuer');
    return this.renderCredential(request, reply, id, {}, [], 200, field(params, 'done'));
  }

  @Post('credentials/:id/:action')
  async change(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'issuer');
    const spec = ACTIONS[action];
    if (!spec) throw new PageNotFoundError('There is no such change to a credential.');
    const reason = field(body, `${action}Reason`);
    const values = {
      action,
      [`${action}Reason`]: reason,
      renewUntil: {
        day: field(body, 'renewUntil[day]'),
        month: field(body, 'renewUntil[month]'),
        year: field(body, 'renewUntil[year]'),
      },
    };
    const errors: FormError[] = [];
    if (spec.reasonRequired && !reason)
      errors.push({
        field: `${action}Reason`,
        text: `Enter why the credential is being ${spec.done}`,
      });
    if (reason.length > 2000)
      errors.push({
        field: `${action}Reason`,
        text: 'The reason must be 2000 characters or fewer',
      });
    let validUntil: string | undefined;
    if (action === 'renew') {
      const read = readDateParts(values.renewUntil, 'The new end date');
      if (read.ok === 'empty') errors.push({ field: 'renewUntil', text: 'Enter the new end date' });
      else if (read.ok === false) errors.push({ field: 'renewUntil', text: read.message });
      else validUntil = read.value;
    }
    if (errors.length) return this.renderCredential(request, reply, id, values, errors, 400);
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/credentials/${encodeURIComponent(id)}/${action}`,
      action === 'renew' ? { validUntil, ...(reason ? { reason } : {}) } : { reason },
    );
    if (!result.ok) {
      if (result.status === 404)
        throw new PageNotFoundError('There is no credential with that id from your organisation.');
      const apiField = result.problem.errors?.[0]?.field;
      return this.renderCredential(
        request,
        reply,
        id,
        values,
        [
          {
            field: apiField === 'validUntil' ? 'renewUntil' : `${action}Reason`,
            text: capitalise(result.problem.errors?.[0]?.message ?? result.problem.detail),
          },
        ],
        result.status === 409 ? 409 : 400,
      );
    }
    return this.pages.redirect(
      reply,
      `/issuer/credentials/${encodeURIComponent(id)}?done=${spec.done}`,
    );
  }

  @Get('api-keys')
  apiKeys(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'issuer');
    return this.renderKeys(request, reply, {}, [], 200, null);
  }

  @Post('api-keys')
  async createKey(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const me = requireAccount(request, 'issuer');
    const label = field(body, 'label');
    if (!label)
      return this.renderKeys(
        request,
        reply,
        { label },
        [{ field: 'label', text: 'Enter a name for the key, such as the system that will use it' }],
        400,
        null,
      );
    if (label.length > 100)
      return this.renderKeys(
        request,
        reply,
        { label },
        [{ field: 'label', text: 'The name must be 100 characters or fewer' }],
        400,
        null,
      );
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/issuers/${me.issuerId ?? ''}/api-keys`,
      { label },
    );
    if (!result.ok)
      return this.renderKeys(
        request,
        reply,
        { label },
        [{ field: 'label', text: capitalise(result.problem.detail) }],
        400,
        null,
      );
    return this.renderKeys(request, reply, {}, [], 201, {
      key: text(result.data, 'key'),
      label,
    });
  }

  @Post('api-keys/:keyId/revoke')
  async revokeKey(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('keyId') keyId: string,
  ): Promise<void> {
    const me = requireAccount(request, 'issuer');
    const result = await this.api.call<unknown>(request, {
      method: 'DELETE',
      url: `/api/v1/issuers/${me.issuerId ?? ''}/api-keys/${encodeURIComponent(keyId)}`,
    });
    if (!result.ok)
      throw new PageNotFoundError('There is no API key with that id for your organisation.');
    return this.pages.redirect(reply, '/issuer/api-keys?revoked=1');
  }

  @Get('staff')
  staff(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'issuer');
    return this.renderStaff(request, reply, {}, [], 200);
  }

  @Post('staff')
  async addStaff(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const me = requireAccount(request, 'issuer');
    const values = { email: field(body, 'email') };
    const password = field(body, 'password');
    const errors: FormError[] = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))
      errors.push({
        field: 'email',
        text: 'Enter an email address in the correct format, like name@example.org',
      });
    if (password.length < 12)
      errors.push({ field: 'password', text: 'The first password must be 12 characters or more' });
    if (errors.length) return this.renderStaff(request, reply, values, errors, 400);
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/issuers/${me.issuerId ?? ''}/staff`,
      {
        email: values.email,
        password,
      },
    );
    if (!result.ok) {
      const text =
        result.status === 409
          ? 'There is already an account with that email address'
          : capitalise(result.problem.errors?.[0]?.message ?? result.problem.detail);
      return this.renderStaff(
        request,
        reply,
        values,
        [{ field: result.problem.errors?.[0]?.field === 'password' ? 'password' : 'email', text }],
        result.status === 409 ? 409 : 400,
      );
    }
    return this.pages.redirect(reply, '/issuer/staff?added=1');
  }

  private async renderCredential(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: object,
    errors: FormError[],
    status: number,
    done = '',
  ): Promise<void> {
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/credentials/${encodeURIComponent(id)}`,
    );
    const me = requireAccount(request, 'issuer');
    if (!result.ok || text(result.data, 'issuerId') !== me.issuerId)
      throw new PageNotFoundError('There is no credential with that id from your organisation.');
    const c = asObject(result.data);
    const state = text(c, 'status');
    const credential = {
      id: text(c, 'id'),
      title: text(c, 'title'),
      registerNumber: text(c, 'registerNumber'),
      kind: KINDS.find((k) => k.value === text(c, 'kind'))?.text ?? humanise(text(c, 'kind')),
      subject: text(c, 'subject'),
      level: text(c, 'level'),
      result: text(c, 'result'),
      cpdHours: text(c, 'cpdHours'),
      awardedOn: formatDate(text(c, 'awardedOn')),
      validUntil: formatDate(text(c, 'validUntil')),
      reference: text(c, 'issuerReference'),
      issuedAt: formatDateTime(text(c, 'issuedAt')),
      state,
      status: credentialStatusTag(state, ''),
      history: asArray(c.history).map((h) => ({
        at: formatDateTime(text(h, 'at')),
        action: humanise(text(h, 'action')),
        reason: text(h, 'reason'),
      })),
    };
    return this.pages.render(
      request,
      reply,
      'issuer-credential',
      {
        title: credential.title,
        credential,
        done: Object.values(ACTIONS).some((a) => a.done === done) ? done : '',
        values,
        can: {
          suspend: state === 'active',
          reinstate: state === 'suspended',
          revoke: state !== 'revoked',
          renew: state !== 'revoked',
        },
        ...formErrorView(errors, { renewUntil: 'renewUntil-day' }),
      },
      status,
    );
  }

  private async renderKeys(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status: number,
    created: { key: string; label: string } | null,
  ): Promise<void> {
    const me = requireAccount(request, 'issuer');
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/issuers/${me.issuerId ?? ''}/api-keys`,
    );
    const keys = asArray(result.ok ? result.data : []).map((k) => ({
      id: text(k, 'id'),
      hint: text(k, 'hint'),
      label: text(k, 'label') || 'No name',
      createdAt: formatDateTime(text(k, 'createdAt')),
      revokedAt: formatDateTime(text(k, 'revokedAt')),
    }));
    return this.pages.render(
      request,
      reply,
      'issuer-api-keys',
      {
        title: created ? 'API key created' : 'API keys',
        keys,
        created,
        revoked: request.url.includes('revoked=1'),
        values,
        ...formErrorView(errors),
      },
      status,
    );
  }

  private async renderStaff(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const me = requireAccount(request, 'issuer');
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/issuers/${me.issuerId ?? ''}/staff`,
    );
    const staff = asArray(result.ok ? result.data : []).map((s) => ({
      email: text(s, 'email'),
      you: text(s, 'id') === me.id,
    }));
    return this.pages.render(
      request,
      reply,
      'issuer-staff',
      {
        title: 'Staff',
        staff,
        added: request.url.includes('added=1'),
        values,
        ...formErrorView(errors),
      },
      status,
    );
  }
}
