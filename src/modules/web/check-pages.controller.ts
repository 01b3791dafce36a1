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
import { KINDS, formFieldOf, readCheckForm, validateCheck } from './check-form.js';
import { CsrfGuard } from './csrf.guard.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { asObject, text } from './json-read.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { receiptView } from './receipt-view.js';
import { RegistryApi } from './registry-api.js';

const REFERENCE = /^[A-Za-z0-9-]{4,64}$/;

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller()
export class CheckPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get('check')
  form(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    const values = { ...readCheckForm({}), registerNumber: field(params, 'registerNumber') };
    return this.pages.render(request, reply, 'check-form', {
      title: 'Check a qualification',
      values,
      kinds: kindItems(values.kind),
    });
  }

  @Post('check')
  async check(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const values = readCheckForm(body);
    const { errors, request: checkRequest } = validateCheck(values, new Date().getUTCFullYear());
    if (!checkRequest) return this.showForm(request, reply, values, errors, 400);
    const result = await this.api.post<unknown>(request, '/api/v1/verifications', checkRequest);
    if (result.ok) {
      const reference = text(result.data, 'reference');
      return this.pages.redirect(reply, `/receipts/${encodeURIComponent(reference)}`);
    }
    const problem = result.problem;
    const fieldErrors: FormError[] = (problem.errors ?? []).map((e) => ({
      field: formFieldOf(e.field),
      text: capitalise(e.message),
    }));
    if (result.status === 404)
      fieldErrors.push({
        field: 'registerNumber',
        text: 'There is no practitioner on the register with that number',
      });
    if (result.status === 429)
      fieldErrors.push({
        field: 'registerNumber',
        text: 'You have made too many checks. Wait a few minutes and try again',
      });
    if (!fieldErrors.length)
      fieldErrors.push({ field: 'registerNumber', text: capitalise(problem.detail) });
    return this.showForm(request, reply, values, fieldErrors, result.status === 429 ? 429 : 400);
  }

  @Get('receipts')
  async findReceipt(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    const asked = typeof asObject(params).reference === 'string';
    const reference = field(params, 'reference');
    const base = { title: 'Verify a check receipt', values: { reference } };
    if (!asked) return this.pages.render(request, reply, 'receipt-find', base);
    if (!reference) {
      return this.pages.render(
        request,
        reply,
        'receipt-find',
        {
          ...base,
          ...formErrorView([{ field: 'reference', text: 'Enter the receipt reference' }]),
        },
        400,
      );
    }
    if (!REFERENCE.test(reference)) {
      return this.pages.render(
        request,
        reply,
        'receipt-find',
        {
          ...base,
          ...formErrorView([
            {
              field: 'reference',
              text: 'Enter the reference exactly as it appears on the receipt',
            },
          ]),
        },
        400,
      );
    }
    return this.pages.redirect(reply, `/receipts/${encodeURIComponent(reference)}`);
  }

  @Get('receipts/:reference')
  async receipt(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reference') reference: string,
  ): Promise<void> {
    if (!REFERENCE.test(reference))
      throw new PageNotFoundError('There is no receipt with that reference.');
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/verifications/${encodeURIComponent(reference)}`,
    );
    if (!result.ok) {
      if (result.status === 404) {
        return this.pages.render(
          request,
          reply,
          'receipt-find',
          {
            title: 'Verify a check receipt',
            values: { reference },
            ...formErrorView([
              {
                field: 'reference',
                text: 'There is no receipt with that reference. Check it and try again',
              },
            ]),
          },
          404,
        );
      }
      throw new PageNotFoundError(result.problem.detail);
    }
    const receipt = receiptView(result.data);
    if (!receipt.reference) receipt.reference = reference;
    return this.pages.render(request, reply, 'receipt', {
      title: `${receipt.outcome.heading} – receipt ${receipt.reference}`,
      receipt,
      downloadUrl: `/api/v1/verifications/${encodeURIComponent(receipt.reference)}`,
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
      'check-form',
      {
        title: 'Check a qualification',
        values,
        kinds: kindItems(field(values, 'kind')),
        ...formErrorView(errors, { kind: 'kind' }),
      },
      status,
    );
  }
}

const kindItems = (selected: string) => KINDS.map((k) => ({ ...k, checked: k.value === selected }));

const capitalise = (s: string) =>
  s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Something went wrong';
