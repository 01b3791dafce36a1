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
import { randomUUID } from 'node:crypto';
import { Public } from '../../common/decorators/auth.decorators.js';
import { KINDS } from './check-form.js';
import { BULK_COLUMNS, bulkProblemText, looksLikeText } from './bulk-wording.js';
import { checkUploadCsrf, CsrfGuard, CsrfInUploadBody, uploadToken } from './csrf.guard.js';
import { readDateParts } from './dates.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { formatDate, formatDateTime } from './format.js';
import { asArray, asObject, num, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import { humanise } from './tags.js';

const MAX_BULK = 20 * 1024 * 1024;

/** Certifying body staff: pending claims to confirm or reject, issue one credential, bulk issue. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('issuer')
export class IssuerPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get('claims')
  async pending(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'issuer');
    const claims = await this.pendingClaims(request);
    return this.pages.render(request, reply, 'issuer-claims', {
      title: 'Claims waiting for you',
      claims,
      done: request.url.includes('done='),
    });
  }

  @Get('claims/:id')
  async claim(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'issuer');
    return this.renderClaim(request, reply, id, {}, [], 200);
  }

  @Post('claims/:id/confirm')
  async confirm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'issuer');
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/claims/${encodeURIComponent(id)}/confirm`,
      {},
    );
    if (!result.ok)
      return this.renderClaim(
        request,
        reply,
        id,
        {},
        [{ field: 'decision', text: capitalise(result.problem.detail) }],
        result.status === 404 ? 404 : 409,
      );
    return this.pages.redirect(reply, '/issuer/claims?done=confirmed');
  }

  @Post('claims/:id/reject')
  async reject(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'issuer');
    const reason = field(body, 'reason');
    if (!reason)
      return this.renderClaim(
        request,
        reply,
        id,
        { reason },
        [{ field: 'reason', text: 'Enter why your records do not support this claim' }],
        400,
      );
    if (reason.length > 1000)
      return this.renderClaim(
        request,
        reply,
        id,
        { reason },
        [{ field: 'reason', text: 'The reason must be 1000 characters or fewer' }],
        400,
      );
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/claims/${encodeURIComponent(id)}/reject`,
      { reason },
    );
    if (!result.ok)
      return this.renderClaim(
        request,
        reply,
        id,
        { reason },
        [{ field: 'reason', text: capitalise(result.problem.detail) }],
        409,
      );
    return this.pages.redirect(reply, '/issuer/claims?done=rejected');
  }

  /** Evidence through the page session: the API itself only takes bearer tokens. */
  @Get('evidence/:id')
  async evidence(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'issuer');
    const file = await this.api.download(request, `/api/v1/evidence/${encodeURIComponent(id)}`);
    if (file.status !== 200)
      throw new PageNotFoundError('There is no evidence file with that id for your organisation.');
    await reply
      .type(file.contentType)
      .header('content-disposition', file.disposition)
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }

  @Get('credentials/new')
  issueForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'issuer');
    return this.renderIssue(
      request,
      reply,
      { awarded: {}, validUntil: {}, idempotencyKey: randomUUID() },
      [],
      200,
    );
  }

  @Post('credentials')
  async issue(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'issuer');
    const values = {
      registerNumber: field(body, 'registerNumber'),
      kind: field(body, 'kind'),
      title: field(body, 'title'),
      subject: field(body, 'subject'),
      level: field(body, 'level'),
      result: field(body, 'result'),
      cpdHours: field(body, 'cpdHours'),
      awarded: {
        day: field(body, 'awarded[day]'),
        month: field(body, 'awarded[month]'),
        year: field(body, 'awarded[year]'),
      },
      validUntil: {
        day: field(body, 'validUntil[day]'),
        month: field(body, 'validUntil[month]'),
        year: field(body, 'validUntil[year]'),
      },
      // One key per form shown: sending the same form twice issues once.
      idempotencyKey: field(body, 'idempotencyKey') || randomUUID(),
    };
    const errors: FormError[] = [];
    if (!values.registerNumber)
      errors.push({ field: 'registerNumber', text: 'Enter the holder’s register number' });
    if (!KINDS.some((k) => k.value === values.kind))
      errors.push({ field: 'kind', text: 'Select the type of credential' });
    if (!values.title) errors.push({ field: 'title', text: 'Enter the name of the qualification' });
    const awarded = readDateParts(values.awarded, 'The date awarded');
    if (awarded.ok === 'empty')
      errors.push({ field: 'awarded', text: 'Enter the date it was awarded' });
    else if (awarded.ok === false) errors.push({ field: 'awarded', text: awarded.message });
    const validUntil = readDateParts(values.validUntil, 'The end date');
    if (validUntil.ok === false) errors.push({ field: 'validUntil', text: validUntil.message });
    if (awarded.ok === true && validUntil.ok === true && validUntil.value <= awarded.value)
      errors.push({ field: 'validUntil', text: 'The end date must be after the date awarded' });
    const cpdHours = readCpdHours(values.kind, values.cpdHours);
    if (typeof cpdHours === 'string') errors.push({ field: 'cpdHours', text: cpdHours });
    const level = values.level ? Number(values.level) : undefined;
    if (errors.length || awarded.ok !== true)
      return this.renderIssue(request, reply, values, errors, 400);
    const credential = {
      registerNumber: values.registerNumber,
      kind: values.kind,
      title: values.title,
      ...(values.subject ? { subject: values.subject } : {}),
      ...(level !== undefined ? { level } : {}),
      ...(values.result ? { result: values.result } : {}),
      ...(typeof cpdHours === 'number' ? { cpdHours } : {}),
      awardedOn: awarded.value,
      ...(validUntil.ok === true ? { validUntil: validUntil.value } : {}),
    };
    const result = await this.api.call<unknown>(request, {
      method: 'POST',
      url: '/api/v1/credentials',
      body: credential,
      headers: { 'idempotency-key': values.idempotencyKey },
    });
    if (!result.ok) {
      const mapped = (result.problem.errors ?? []).map((e) => ({
        field: mapIssueField(e.field),
        text: plainMessage(e.message),
      }));
      const fallback = [
        {
          field:
            result.status === 404 || result.problem.code.startsWith('PRACTITIONER')
              ? 'registerNumber'
              : 'title',
          text: capitalise(result.problem.detail),
        },
      ];
      return this.renderIssue(
        request,
        reply,
        values,
        mapped.length ? mapped : fallback,
        result.status >= 500 ? 502 : 400,
      );
    }
    return this.pages.render(
      request,
      reply,
      'issuer-issued',
      {
        title: 'Credential issued',
        credentialTitle: text(result.data, 'title'),
        registerNumber: values.registerNumber,
        id: text(result.data, 'id'),
      },
      201,
    );
  }

  @Get('bulk')
  bulkForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'issuer');
    return this.pages.render(request, reply, 'issuer-bulk', {
      title: 'Issue credentials from a file',
      columns: BULK_COLUMNS,
    });
  }

  /**
   * Without JavaScript the upload itself is the progress display: the browser shows the upload,
   * and the page that comes back is the finished per-row report.
   */
  @Post('bulk')
  @CsrfInUploadBody()
  async bulk(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'issuer');
    const file = request.isMultipart()
      ? await request.file({ limits: { fileSize: MAX_BULK, files: 1 } })
      : undefined;
    await checkUploadCsrf(request, reply, uploadToken(file?.fields));
    const data = file ? await file.toBuffer().catch(() => null) : null;
    let error: string | null = null;
    if (!file || !data || data.length === 0) error = 'Choose a CSV or JSON file';
    else if (file.file.truncated) error = 'The file must be smaller than 20 MB';
    else if (!looksLikeText(data))
      error =
        'The file is not a CSV or JSON file. Save it from your spreadsheet as CSV (comma separated) and upload that';
    const isJson =
      file?.filename.toLowerCase().endsWith('.json') === true ||
      file?.mimetype === 'application/json';
    if (error || !data) {
      return this.pages.render(
        request,
        reply,
        'issuer-bulk',
        {
          title: 'Issue credentials from a file',
          columns: BULK_COLUMNS,
          ...formErrorView([{ field: 'file', text: error ?? 'Choose a file' }]),
        },
        400,
      );
    }
    const started = Date.now();
    const result = await this.api.call<unknown>(request, {
      method: 'POST',
      url: '/api/v1/credentials/bulk',
      raw: { payload: data, contentType: isJson ? 'application/json' : 'text/csv' },
    });
    if (!result.ok) {
      const detail =
        result.problem.errors?.map((e) => bulkProblemText(e.field, e.message)).join('; ') ||
        result.problem.detail;
      return this.pages.render(
        request,
        reply,
        'issuer-bulk',
        {
          title: 'Issue credentials from a file',
          columns: BULK_COLUMNS,
          ...formErrorView([{ field: 'file', text: capitalise(detail) }]),
        },
        400,
      );
    }
    const report = asObject(result.data);
    const summary = asObject(report.summary);
    return this.pages.render(request, reply, 'issuer-bulk-report', {
      title: 'Bulk issue report',
      filename: file?.filename ?? '',
      seconds: ((Date.now() - started) / 1000).toFixed(1),
      summary: {
        rows: num(summary, 'rows') ?? 0,
        issued: num(summary, 'issued') ?? 0,
        alreadyIssued: num(summary, 'alreadyIssued') ?? 0,
        refused: num(summary, 'refused') ?? 0,
        error: text(summary, 'error'),
      },
      // Refused rows first: they are the ones that need action.
      rows: asArray(report.rows)
        .map((r) => ({
          row: text(r, 'row'),
          outcome: text(r, 'outcome'),
          outcomeText: humanise(text(r, 'outcome')),
          reference: text(r, 'issuerReference'),
          problems:
            asArray(asObject(r).errors)
              .map((e) => bulkProblemText(text(e, 'field'), text(e, 'message')))
              .join('; ') || text(r, 'code'),
        }))
        .sort((a, b) => Number(b.outcome === 'refused') - Number(a.outcome === 'refused'))
        .slice(0, 500),
    });
  }

  private async pendingClaims(request: FastifyRequest) {
    const result = await this.api.get<unknown>(request, '/api/v1/issuers/me/claims?status=pending');
    const list = result.ok ? asArray(result.data).concat(asArray(asObject(result.data).items)) : [];
    return list.map((c) => {
      const claimant = asObject(asObject(c).claimant);
      return {
        id: text(c, 'id'),
        practitionerName: [text(claimant, 'givenName'), text(claimant, 'familyName')]
          .filter(Boolean)
          .join(' '),
        registerNumber: text(claimant, 'registerNumber'),
        dateOfBirth: formatDate(text(claimant, 'dateOfBirth')),
        formerNames: asArray(claimant.formerNames)
          .map((n) => text({ n }, 'n'))
          .filter(Boolean)
          .join(', '),
        title: text(c, 'title'),
        kind: humanise(text(c, 'kind')),
        subject: text(c, 'subject'),
        level: text(c, 'level'),
        result: text(c, 'result'),
        awardedOn: formatDate(text(c, 'awardedOn')),
        declaredAt: formatDateTime(text(c, 'declaredAt', 'createdAt')),
        correctedAt: formatDateTime(text(c, 'correctedAt')),
        resubmission: Boolean(text(c, 'correctsClaimId')),
        evidence: asArray(asObject(c).evidence).map((e) => ({
          id: text(e, 'id'),
          name: text(e, 'fileName', 'filename', 'name') || 'Evidence file',
        })),
      };
    });
  }

  private async renderClaim(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: object,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const claim = (await this.pendingClaims(request)).find((c) => c.id === id);
    if (!claim)
      throw new PageNotFoundError(
        'There is no pending claim with that id for your organisation. It may have been decided already.',
      );
    return this.pages.render(
      request,
      reply,
      'issuer-claim',
      { title: `Claim: ${claim.title}`, claim, values, ...formErrorView(errors) },
      status,
    );
  }

  private renderIssue(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const kind = field(values, 'kind');
    return this.pages.render(
      request,
      reply,
      'issuer-issue',
      {
        title: 'Issue a credential',
        values,
        kinds: KINDS.map((k) => ({ ...k, checked: k.value === kind })),
        ...formErrorView(errors, {
          kind: 'kind',
          awarded: 'awarded-day',
          validUntil: 'validUntil-day',
        }),
      },
      status,
    );
  }
}

/** Hours for a CPD record: a number when given for one, a message when wrong, null when not asked. */
function readCpdHours(kind: string, raw: string): number | string | null {
  if (kind !== 'cpd') return null;
  if (!raw) return 'Enter the number of CPD hours';
  const hours = Number(raw);
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(raw) || hours <= 0)
    return 'CPD hours must be a number greater than 0, such as 7.5';
  return hours;
}

/** The API's field names, as the form labels them. */
const FIELD_WORDS: [RegExp, string][] = [
  [/\bawardedOn\b/g, 'the date awarded'],
  [/\bvalidUntil\b/g, 'the end date'],
  [/\bregisterNumber\b/g, 'the register number'],
  [/\bcpdHours\b/g, 'CPD hours'],
];

export function plainMessage(message: string): string {
  return capitalise(FIELD_WORDS.reduce((m, [re, words]) => m.replace(re, words), message));
}

function mapIssueField(apiField: string): string {
  if (apiField === 'awardedOn') return 'awarded';
  if (apiField === 'validUntil') return 'validUntil';
  return apiField.split('.')[0] ?? apiField;
}

const capitalise = (s: string) =>
  s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Something went wrong';
