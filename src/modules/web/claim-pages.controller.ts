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
import {
  apiFieldErrors,
  capitalise,
  checkClaimForm,
  claimFormFrom,
  type ClaimFormValues,
  OTHER_BODY,
  readClaimForm,
} from './claim-form.js';
import { KINDS } from './check-form.js';
import { checkUploadCsrf, CsrfGuard, CsrfInUploadBody, uploadToken } from './csrf.guard.js';
import { formErrorView, type FormError } from './form-errors.js';
import { formatDate } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { multipartFile } from './multipart-body.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import { claimStatusTag } from './tags.js';

const EVIDENCE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);
const MAX_EVIDENCE = 10 * 1024 * 1024;

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
    return this.renderForm(request, reply, {}, [], 200);
  }

  @Post()
  async declare(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const values = readClaimForm(body);
    const { errors, fields } = checkClaimForm(values);
    if (!fields) return this.renderForm(request, reply, values, errors, 400);
    const result = await this.api.post<unknown>(request, '/api/v1/practitioners/me/claims', fields);
    if (!result.ok)
      return this.renderForm(request, reply, values, apiFieldErrors(result.problem), 400);
    return this.pages.redirect(reply, '/account/claims');
  }

  /** A pending claim is corrected in place; a rejected one is sent again as a new claim. */
  @Get(':id/correct')
  async correctForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const claim = await this.correctable(request, id);
    return this.renderForm(request, reply, claimFormFrom(claim), [], 200, claim);
  }

  @Post(':id/correct')
  async correct(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const claim = await this.correctable(request, id);
    const values = readClaimForm(body);
    const { errors, fields } = checkClaimForm(values);
    if (!fields) return this.renderForm(request, reply, values, errors, 400, claim);
    const result = await this.api.call<unknown>(request, {
      method: 'PATCH',
      url: `/api/v1/practitioners/me/claims/${encodeURIComponent(id)}`,
      body: fields,
    });
    if (!result.ok)
      return this.renderForm(request, reply, values, apiFieldErrors(result.problem), 400, claim);
    return this.pages.redirect(
      reply,
      `/account/claims?${result.status === 201 ? 'resubmitted' : 'corrected'}=1`,
    );
  }

  /** Multipart: the CSRF token comes in the query (the body is read here, after the guard). */
  @Post(':id/evidence')
  @CsrfInUploadBody()
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
    await checkUploadCsrf(request, reply, uploadToken(file?.fields));
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

  /** The practitioner's own pending or rejected claim (not yet resubmitted); else a 404 page. */
  private async correctable(request: FastifyRequest, id: string): Promise<unknown> {
    const result = await this.api.get<unknown>(request, '/api/v1/practitioners/me/claims');
    const list = result.ok ? asArray(result.data) : [];
    const claim = list.find((c) => text(c, 'id') === id);
    const status = text(claim, 'status');
    const resubmitted = list.some((c) => text(c, 'correctsClaimId') === id);
    if (!claim || !(status === 'pending' || (status === 'rejected' && !resubmitted)))
      throw new PageNotFoundError('There is no qualification of yours to correct at this address.');
    return claim;
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
      tag: claimStatusTag(text(c, 'status'), asObject(c).awardingBodyRecognised !== false),
      reason: text(c, 'decisionReason'),
      correctedAt: formatDate(text(c, 'correctedAt').slice(0, 10)),
      resubmission: Boolean(text(c, 'correctsClaimId')),
      resubmitted: list.some((other) => text(other, 'correctsClaimId') === text(c, 'id')),
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
        corrected: request.url.includes('corrected=1'),
        resubmitted: request.url.includes('resubmitted=1'),
        ...formErrorView(errors),
      },
      status,
    );
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Partial<ClaimFormValues>,
    errors: FormError[],
    status: number,
    correcting?: unknown,
  ): Promise<void> {
    const issuers = await this.api.get<unknown>(request, '/api/v1/issuers');
    const list = issuers.ok
      ? asArray(issuers.data).concat(asArray(asObject(issuers.data).items))
      : [];
    const selected = values.issuerId ?? '';
    const issuerItems = [{ value: '', text: 'Choose the awarding body', selected: selected === '' }]
      .concat(
        list.map((i) => ({
          value: text(i, 'id'),
          text: text(i, 'name'),
          selected: text(i, 'id') === selected,
        })),
      )
      .concat([
        { value: OTHER_BODY, text: 'Another body (not listed)', selected: selected === OTHER_BODY },
      ]);
    const kind = values.kind ?? '';
    return this.pages.render(
      request,
      reply,
      'account-claim-form',
      {
        title: correcting ? 'Correct a qualification' : 'Declare a qualification',
        correcting: correcting
          ? {
              id: text(correcting, 'id'),
              rejected: text(correcting, 'status') === 'rejected',
              reason: text(correcting, 'decisionReason'),
            }
          : null,
        values,
        issuerItems,
        kinds: KINDS.map((k) => ({ ...k, checked: k.value === kind })),
        ...formErrorView(errors, { kind: 'kind', awarded: 'awarded-day' }),
      },
      status,
    );
  }
}
