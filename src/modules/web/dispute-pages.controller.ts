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
import type { Principal } from '../auth/principal.js';
import { parseRegisterNumber } from '../practitioners/register-number.js';
import { CsrfGuard } from './csrf.guard.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { formatDateTime } from './format.js';
import { asArray, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageForbiddenError, PageNotFoundError, SignInRequiredError } from './page-errors.js';
import { PageRenderer, principalOf } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import type { TagView } from './tags.js';

const OUTCOMES = [
  { value: 'upheld', text: 'Upheld: the record was wrong' },
  { value: 'dismissed', text: 'Dismissed: the record stands' },
];

function statusTag(status: string): TagView {
  if (status === 'upheld') return { text: 'Upheld', classes: 'nhsuk-tag--green' };
  if (status === 'dismissed') return { text: 'Dismissed', classes: 'nhsuk-tag--grey' };
  return { text: 'Open', classes: 'nhsuk-tag--yellow' };
}

const disputeView = (d: unknown) => ({
  id: text(d, 'id'),
  registerNumber: text(d, 'registerNumber'),
  raisedBy: text(d, 'raisedByRole') === 'employer' ? 'An employer' : 'The practitioner',
  about: text(d, 'about'),
  details: text(d, 'details'),
  status: text(d, 'status'),
  tag: statusTag(text(d, 'status')),
  resolution: text(d, 'resolution'),
  resolvedAt: formatDateTime(text(d, 'resolvedAt')),
  createdAt: formatDateTime(text(d, 'createdAt')),
});

/** A practitioner or employer signed in: the people who may contest a record. */
function requireContester(request: FastifyRequest): Principal {
  const principal = principalOf(request);
  if (!principal) throw new SignInRequiredError(request.method === 'GET' ? request.url : '/');
  if (principal.role !== 'practitioner' && principal.role !== 'employer')
    throw new PageForbiddenError('This page is for practitioners and employers.');
  return principal;
}

/**
 * Disputes: a practitioner or employer contests a record (/disputes); the registrar decides each
 * with a reason (/registrar/disputes). The API checks roles and audits both steps.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller()
export class DisputePagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get('disputes')
  async mine(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireContester(request);
    return this.renderMine(
      request,
      reply,
      { registerNumber: field(params, 'registerNumber') },
      [],
      200,
    );
  }

  @Post('disputes')
  async raise(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireContester(request);
    const values = {
      registerNumber: field(body, 'registerNumber'),
      about: field(body, 'about'),
      details: field(body, 'details'),
    };
    const errors: FormError[] = [];
    const parsed = parseRegisterNumber(values.registerNumber);
    if (!parsed.ok)
      errors.push({
        field: 'registerNumber',
        text: 'Enter the register number: DL followed by 8 digits, for example DL12345671',
      });
    if (!values.about) errors.push({ field: 'about', text: 'Enter what on the record is wrong' });
    else if (values.about.length > 200)
      errors.push({ field: 'about', text: 'What is wrong must be 200 characters or fewer' });
    if (!values.details)
      errors.push({ field: 'details', text: 'Enter why it is wrong, and how you know' });
    else if (values.details.length > 4000)
      errors.push({ field: 'details', text: 'The explanation must be 4000 characters or fewer' });
    if (errors.length || !parsed.ok) return this.renderMine(request, reply, values, errors, 400);
    const result = await this.api.post<unknown>(request, '/api/v1/disputes', {
      registerNumber: parsed.value,
      about: values.about,
      details: values.details,
    });
    if (!result.ok)
      return this.renderMine(
        request,
        reply,
        values,
        [
          {
            field: 'registerNumber',
            text:
              result.status === 404
                ? 'There is no practitioner on the register with that number'
                : (result.problem.errors?.[0]?.message ?? result.problem.detail),
          },
        ],
        result.status === 404 ? 404 : 400,
      );
    return this.pages.redirect(reply, '/disputes?raised=1');
  }

  @Get('registrar/disputes')
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const status = field(params, 'status') === 'resolved' ? 'resolved' : 'open';
    const result = await this.api.get<unknown>(
      request,
      status === 'open' ? '/api/v1/disputes?status=open' : '/api/v1/disputes',
    );
    const disputes = asArray(result.ok ? result.data : [])
      .map(disputeView)
      .filter((d) => (status === 'open' ? d.status === 'open' : d.status !== 'open'));
    return this.pages.render(request, reply, 'registrar-disputes', {
      title: status === 'open' ? 'Open disputes' : 'Resolved disputes',
      status,
      disputes,
      done: field(params, 'done') === '1',
    });
  }

  @Get('registrar/disputes/:id')
  dispute(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    return this.renderDispute(request, reply, id, {}, [], 200);
  }

  @Post('registrar/disputes/:id/resolve')
  async resolve(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'registrar');
    const values = { outcome: field(body, 'outcome'), reason: field(body, 'reason') };
    const errors: FormError[] = [];
    if (!OUTCOMES.some((o) => o.value === values.outcome))
      errors.push({ field: 'outcome', text: 'Select whether the dispute is upheld or dismissed' });
    if (!values.reason)
      errors.push({ field: 'reason', text: 'Enter the reason for your decision' });
    else if (values.reason.length > 2000)
      errors.push({ field: 'reason', text: 'The reason must be 2000 characters or fewer' });
    if (errors.length) return this.renderDispute(request, reply, id, values, errors, 400);
    const result = await this.api.post<unknown>(
      request,
      `/api/v1/disputes/${encodeURIComponent(id)}/resolve`,
      values,
    );
    if (!result.ok) {
      if (result.status === 404) throw new PageNotFoundError('There is no dispute with that id.');
      return this.renderDispute(
        request,
        reply,
        id,
        values,
        [{ field: 'outcome', text: result.problem.detail }],
        result.status === 409 ? 409 : 400,
      );
    }
    return this.pages.redirect(reply, '/registrar/disputes?done=1');
  }

  private async renderMine(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    const result = await this.api.get<unknown>(request, '/api/v1/disputes');
    return this.pages.render(
      request,
      reply,
      'disputes',
      {
        title: 'Contest a record',
        disputes: asArray(result.ok ? result.data : []).map(disputeView),
        raised: request.url.includes('raised=1'),
        values,
        ...formErrorView(errors),
      },
      status,
    );
  }

  private async renderDispute(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, string>,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new PageNotFoundError('There is no dispute with that id.');
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/disputes/${encodeURIComponent(id)}`,
    );
    if (!result.ok) throw new PageNotFoundError('There is no dispute with that id.');
    const dispute = disputeView(result.data);
    return this.pages.render(
      request,
      reply,
      'registrar-dispute',
      {
        title: `Dispute: ${dispute.about}`,
        dispute,
        values,
        outcomes: OUTCOMES.map((o) => ({ ...o, checked: o.value === values.outcome })),
        ...formErrorView(errors, { outcome: 'outcome' }),
      },
      status,
    );
  }
}
