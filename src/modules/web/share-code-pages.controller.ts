import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { normaliseShareCode } from '../verification/share-code.js';
import { CsrfGuard } from './csrf.guard.js';
import { readDateParts } from './dates.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { entryView } from './register-view.js';
import { RegistryApi } from './registry-api.js';

/** Any failure gets this one message, as the API gives one 404: the page must not tell them apart. */
const NO_MATCH = 'No record matches that share code and date of birth. Check both and try again';

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('share-code')
export class ShareCodePagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.render(request, reply, 'share-code-form', {
      title: 'Use a share code',
      values: { dob: {} },
    });
  }

  @Post()
  async redeem(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const code = field(body, 'code');
    const dob = {
      day: field(body, 'dob[day]'),
      month: field(body, 'dob[month]'),
      year: field(body, 'dob[year]'),
    };
    const errors: FormError[] = [];
    const normalised = normaliseShareCode(code);
    if (!code) errors.push({ field: 'code', text: 'Enter the share code' });
    else if (normalised === null)
      errors.push({
        field: 'code',
        text: 'Enter the share code as it was given to you, like ACD-EFG-HJK',
      });
    const date = readDateParts(dob, 'Date of birth');
    if (date.ok === 'empty')
      errors.push({ field: 'dob', text: 'Enter the practitioner’s date of birth' });
    else if (date.ok === false) errors.push({ field: 'dob', text: date.message });
    const values = { code, dob };
    if (errors.length || date.ok !== true || normalised === null)
      return this.showForm(request, reply, values, errors, 400);

    const result = await this.api.post<unknown>(request, '/api/v1/share-codes/redeem', {
      code: normalised,
      dateOfBirth: date.value,
    });
    if (!result.ok) {
      const limited = result.status === 429;
      return this.showForm(
        request,
        reply,
        values,
        [
          {
            field: 'code',
            text: limited ? 'Too many attempts. Wait and try again later' : NO_MATCH,
          },
        ],
        limited ? 429 : 404,
      );
    }
    const entry = entryView(result.data);
    return this.pages.render(request, reply, 'share-code-record', {
      title: `${entry.name} – full record`,
      entry,
      columnWidth: 'full',
    });
  }

  private showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status: number,
  ): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'share-code-form',
      {
        title: 'Use a share code',
        values,
        ...formErrorView(errors, { dob: 'dob-day' }),
      },
      status,
    );
  }
}
