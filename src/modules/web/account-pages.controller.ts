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
import { CsrfGuard } from './csrf.guard.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { formatDate, formatDateTime } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { pagination } from './pagination.js';
import { fullName, standingsOf } from './register-view.js';
import { query, RegistryApi } from './registry-api.js';
import { humanise } from './tags.js';

const CHECK_TYPES: Record<string, string> = {
  'claim-check': 'Checked a qualification',
  'share-code-use': 'Used a share code',
  'register-lookup': 'Looked up your entry',
};

/** Practitioners' own pages: profile and standing, share codes, who checked them. Claims: ClaimPagesController. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('account')
export class AccountPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async profile(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const [me, standing, account] = await Promise.all([
      this.api.get<unknown>(request, '/api/v1/practitioners/me'),
      this.api.get<unknown>(request, '/api/v1/practitioners/me/standing'),
      this.api.get<unknown>(request, '/api/v1/me'),
    ]);
    const profile = asObject(me.ok ? me.data : {});
    return this.pages.render(request, reply, 'account', {
      title: 'Your account',
      name: fullName(profile),
      registerNumber: text(profile, 'registerNumber'),
      email: text(profile, 'email'),
      dateOfBirth: formatDate(text(profile, 'dateOfBirth')),
      formerNames: asArray(profile.formerNames).filter((n): n is string => typeof n === 'string'),
      standings: standing.ok ? standingsOf(standing.data) : [],
      standingOn: formatDate(text(standing.ok ? standing.data : {}, 'on')),
      emailConfirmed: account.ok && asObject(account.data).emailConfirmed !== false,
      confirmationSent: field(params, 'sent') === 'confirmation',
    });
  }

  @Get('share-codes')
  async shareCodes(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'practitioner');
    return this.renderShareCodes(request, reply, { purpose: '', expiresInDays: '30' }, []);
  }

  @Post('share-codes')
  async createShareCode(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const values = { purpose: field(body, 'purpose'), expiresInDays: field(body, 'expiresInDays') };
    const errors: FormError[] = [];
    if (!values.purpose)
      errors.push({ field: 'purpose', text: 'Enter who the code is for and why' });
    else if (values.purpose.length > 200)
      errors.push({ field: 'purpose', text: 'The purpose must be 200 characters or fewer' });
    const days = Number(values.expiresInDays);
    if (!/^\d{1,2}$/.test(values.expiresInDays) || days < 1 || days > 90) {
      errors.push({ field: 'expiresInDays', text: 'Enter a number of days from 1 to 90' });
    }
    if (errors.length) return this.renderShareCodes(request, reply, values, errors, 400);
    const created = await this.api.post<unknown>(request, '/api/v1/share-codes', {
      purpose: values.purpose,
      expiresInDays: days,
    });
    if (!created.ok) {
      return this.renderShareCodes(
        request,
        reply,
        values,
        [
          {
            field: 'purpose',
            text: created.problem.detail || 'The code could not be made. Try again',
          },
        ],
        400,
      );
    }
    return this.pages.render(
      request,
      reply,
      'account-share-code-created',
      {
        title: 'Share code created',
        code: text(created.data, 'code'),
        purpose: text(created.data, 'purpose'),
        expiresAt: formatDateTime(text(created.data, 'expiresAt')),
      },
      201,
    );
  }

  @Post('share-codes/:id/cancel')
  async cancelShareCode(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    await this.api.call(request, {
      method: 'DELETE',
      url: `/api/v1/share-codes/${encodeURIComponent(id)}`,
    });
    return this.pages.redirect(reply, '/account/share-codes');
  }

  @Get('checks')
  async checks(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const page = Math.max(1, Number.parseInt(field(params, 'page'), 10) || 1);
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/practitioners/me/checks${query({ page })}`,
    );
    const data = asObject(result.ok ? result.data : {});
    const total = Number(data.total) || 0;
    return this.pages.render(request, reply, 'account-checks', {
      title: 'Who checked your record',
      checks: asArray(data.items).map((c) => ({
        when: formatDateTime(text(c, 'at')),
        what: CHECK_TYPES[text(c, 'type')] ?? humanise(text(c, 'type')),
        who: text(c, 'organisation') || 'Someone not signed in',
        detail: [
          text(c, 'purpose'),
          text(c, 'outcome') ? `Outcome: ${humanise(text(c, 'outcome'))}` : '',
          text(c, 'reference'),
        ]
          .filter(Boolean)
          .join('. '),
      })),
      pager: pagination({
        page,
        pageSize: Number(data.pageSize) || 20,
        total,
        href: (p) => `/account/checks${query({ page: p })}`,
      }),
    });
  }

  private async renderShareCodes(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    const list = await this.api.get<unknown>(request, '/api/v1/share-codes?pageSize=50');
    const codes = asArray(asObject(list.ok ? list.data : {}).items).map((c) => ({
      id: text(c, 'id'),
      hint: text(c, 'hint'),
      purpose: text(c, 'purpose'),
      state: humanise(text(c, 'state')),
      active: text(c, 'state') === 'active',
      expiresAt: formatDateTime(text(c, 'expiresAt')),
      uses: asArray(asObject(c).uses).length,
    }));
    return this.pages.render(
      request,
      reply,
      'account-share-codes',
      { title: 'Share codes', codes, values, ...formErrorView(errors) },
      status,
    );
  }
}
