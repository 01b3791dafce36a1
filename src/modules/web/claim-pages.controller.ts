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
import { KINDS } from './check-form.js';
import { CsrfGuard } from './csrf.guard.js';
import { readDateParts } from './dates.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { formatDate } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { multipartFile } from './multipart-body.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import { claimStatusTag } from './tags.js';

const EVIDENCE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);
const MAX_EVIDENCE = 10 * 1024 * 1024;
const OTHER = 'other';

/** A practitioner's declared qualifications: declare, attach evidence, withdraw. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('account/claims')
export class ClaimPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'practitioner');
    return this.renderList(request, reply, [], 200);
  }

  @Get('new')
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'practitioner');
    return this.renderForm(request, reply, { awarded: {} }, [], 200);
  }

  @Post()
  async declare(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const values = {
      issuerId: field(body, 'issuerId'),
      awardingBody: field(body, 'awardingBody'),
      kind: field(body, 'kind'),
      title: field(body, 'title'),
      subject: field(body, 'subject'),
      level: field(body, 'level'),
      result: field(body, 'result'),
      awarded: {
        day: field(body, 'awarded[day]'),
        month: field(body, 'awarded[month]'),
        year: field(body, 'awarded[year]'),
      },
    };
    const errors: FormError[] = [];
    if (!values.issuerId)
      errors.push({ field: 'issuerId', text: 'Select the awarding body, or choose another body' });
    if (values.issuerId === OTHER && !values.awardingBody)
      errors.push({ field: 'awardingBody', text: 'Enter the name of the awarding body' });
    if (!KINDS.some((k) => k.value === values.kind))
      errors.push({ field: 'kind', text: 'Select the type of qualification' });
    if (!values.title) errors.push({ field: 'title', text: 'Enter the name of the qualification' });
    const level = values.level ? Number(values.level) : undefined;
    if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 8))
      errors.push({ field: 'level', text: 'Select a level from 1 to 8' });
    const awarded = readDateParts(values.awarded, 'The date awarded');
    if (awarded.ok === 'empty')
      errors.push({ field: 'awarded', text: 'Enter the date the qualification was awarded' });
    else if (awarded.ok === false) errors.push({ field: 'awarded', text: awarded.message });
    else if (awarded.value > new Date().toISOString().slice(0, 10))
      errors.push({ field: 'awarded', text: 'The date awarded must be today or in the past' });
    if (errors.length || awarded.ok !== true)
      return this.renderForm(request, reply, values, errors, 400);

    const claim = {
      ...(values.issuerId === OTHER
        ? { awardingBody: values.awardingBody }
        : { issuerId: values.issuerId }),
      kind: values.kind,
      title: values.title,
      ...(values.subject ? { subject: values.subject } : {}),
      ...(level !== undefined ? { level } : {}),
      ...(values.result ? { result: values.result } : {}),
      awardedOn: awarded.value,
    };
    const result = await this.api.post<unknown>(request, '/api/v1/practitioners/me/claims', claim);
    if (!result.ok) {
      const apiErrors = (result.problem.errors ?? []).map((e) => ({
        field: e.field === 'awardedOn' ? 'awarded' : e.field,
        text: capitalise(e.message),
      }));
      return this.renderForm(
        request,
        reply,
        values,
        apiErrors.length
          ? apiErrors
          : [{ field: 'title', text: capitalise(result.problem.detail) }],
        400,
      );
    }
    return this.pages.redirect(reply, '/account/claims');
  }

  /** Multipart: the CSRF token comes in the query (the body is read here, after the guard). */
  @Post(':id/evidence')
  async evidence(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const errors: FormError[] = [];
    const file = request.isMultipart()
      ? await request.file({ limits: { fileSize: MAX_EVIDENCE, files: 1 } })
      : undefined;
    const data = file ? await file.toBuffer().catch(() => null) : null;
    if (!file || !data || data.length === 0)
      errors.push({ field: `file-${id}`, text: 'Choose a PDF, PNG or JPEG file' });
    else if (file.file.truncated)
      errors.push({ field: `file-${id}`, text: 'The file must be smaller than 10 MB' });
    else if (!EVIDENCE_TYPES.has(file.mimetype))
      errors.push({ field: `file-${id}`, text: 'The file must be a PDF, PNG or JPEG' });
    if (!errors.length && file && data) {
      const result = await this.api.call(request, {
        method: 'POST',
        url: `/api/v1/practitioners/me/claims/${encodeURIComponent(id)}/evidence`,
        raw: multipartFile('file', file.filename, file.mimetype, data),
      });
      if (result.ok) return this.pages.redirect(reply, '/account/claims?uploaded=1');
      errors.push({
        field: `file-${id}`,
        text: capitalise(result.problem.errors?.[0]?.message ?? result.problem.detail),
      });
    }
    return this.renderList(request, reply, errors, 400);
  }

  @Post(':id/withdraw')
  async withdraw(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    await this.api.call(request, {
      method: 'DELETE',
      url: `/api/v1/practitioners/me/claims/${encodeURIComponent(id)}`,
    });
    return this.pages.redirect(reply, '/account/claims');
  }

  private async renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const result = await this.api.get<unknown>(request, '/api/v1/practitioners/me/claims');
    const list = result.ok ? asArray(result.data).concat(asArray(asObject(result.data).items)) : [];
    const claims = list.map((c) => ({
      id: text(c, 'id'),
      title: text(c, 'title'),
      awardingBody: text(c, 'awardingBody'),
      awardedOn: formatDate(text(c, 'awardedOn')),
      status: text(c, 'status'),
      tag: claimStatusTag(text(c, 'status')),
      reason: text(c, 'decisionReason'),
      evidence: asArray(asObject(c).evidence).map((e) => text(e, 'fileName', 'filename', 'name')),
    }));
    return this.pages.render(
      request,
      reply,
      'account-claims',
      {
        title: 'Qualifications you declared',
        claims,
        uploaded: request.url.includes('uploaded=1'),
        ...formErrorView(errors),
      },
      status,
    );
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const issuers = await this.api.get<unknown>(request, '/api/v1/issuers');
    const list = issuers.ok
      ? asArray(issuers.data).concat(asArray(asObject(issuers.data).items))
      : [];
    const selected = typeof values.issuerId === 'string' ? values.issuerId : '';
    const issuerItems = [{ value: '', text: 'Choose the awarding body', selected: selected === '' }]
      .concat(
        list.map((i) => ({
          value: text(i, 'id'),
          text: text(i, 'name'),
          selected: text(i, 'id') === selected,
        })),
      )
      .concat([{ value: OTHER, text: 'Another body (not listed)', selected: selected === OTHER }]);
    const kind = typeof values.kind === 'string' ? values.kind : '';
    return this.pages.render(
      request,
      reply,
      'account-claim-form',
      {
        title: 'Declare a qualification',
        values,
        issuerItems,
        kinds: KINDS.map((k) => ({ ...k, checked: k.value === kind })),
        ...formErrorView(errors, { kind: 'kind', awarded: 'awarded-day' }),
      },
      status,
    );
  }
}

const capitalise = (s: string) =>
  s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Something went wrong';
