import {
  Controller,
  Get,
  Inject,
  Param,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { httpConfig, type HttpConfig } from '../../config/configuration.js';
import { parseRegisterNumber } from '../practitioners/register-number.js';
import { CsrfGuard } from './csrf.guard.js';
import { readDateParts, isoToParts } from './dates.js';
import { field, formErrorView } from './form-errors.js';
import { todayIso, formatDate } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { qrCodeDataUrl } from './qr-code.js';
import { entryView, fullName, searchResultView } from './register-view.js';
import { query, RegistryApi } from './registry-api.js';
import { pagination } from './pagination.js';

const MAX_QUERY = 100;

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('register')
export class RegisterPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
    @Inject(httpConfig.KEY) private readonly http: HttpConfig,
  ) {}

  @Get()
  async search(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    const q = field(params, 'q');
    const role = field(params, 'role');
    const page = Math.max(1, Number.parseInt(field(params, 'page'), 10) || 1);
    const roles = await this.roleOptions(request, role);
    const searched = typeof asObject(params).q === 'string' || role !== '';
    const base = { title: 'Check the register', values: { q, role }, roles, searched };
    if (!searched) return this.pages.render(request, reply, 'register-search', base);

    const problem = checkQuery(q, role);
    if (problem) {
      return this.pages.render(
        request,
        reply,
        'register-search',
        { ...base, ...formErrorView([{ field: 'q', text: problem }]) },
        400,
      );
    }
    const result = await this.api.get<unknown>(
      request,
      `/api/v1/register${query({ q, role, page })}`,
    );
    if (!result.ok) {
      const message = result.problem.errors?.[0]?.message ?? result.problem.detail;
      const textFor =
        result.problem.code === 'PRACTITIONER.REGISTER_NUMBER_CHECK_DIGIT'
          ? checkDigitMessage(q)
          : capitalise(message);
      return this.pages.render(
        request,
        reply,
        'register-search',
        { ...base, ...formErrorView([{ field: 'q', text: textFor }]) },
        result.status === 429 ? 429 : 400,
      );
    }
    const data = asObject(result.data);
    const items = asArray(data.items).map((item) => searchResultView(item, q));
    const total = Number(data.total) || 0;
    const pageSize = Number(data.pageSize) || 20;
    return this.pages.render(request, reply, 'register-search', {
      ...base,
      items,
      total,
      pager: pagination({
        page,
        pageSize,
        total,
        totalIsLowerBound: data.totalIsLowerBound === true,
        hasMore: typeof data.next === 'string',
        shown: items.length,
        href: (p) => `/register${query({ q, role, page: p })}`,
      }),
    });
  }

  @Get(':registerNumber')
  async entry(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('registerNumber') raw: string,
    @Query() params: unknown,
  ): Promise<void> {
    const parsed = parseRegisterNumber(raw);
    if (!parsed.ok) {
      if (parsed.reason === 'check-digit') {
        return this.pages.render(
          request,
          reply,
          'register-number-problem',
          {
            title: 'Check the register number',
            number: raw.slice(0, 20),
          },
          400,
        );
      }
      throw new PageNotFoundError('There is no practitioner on the register with that number.');
    }
    const registerNumber = parsed.value;
    if (registerNumber !== raw) return this.pages.redirect(reply, `/register/${registerNumber}`);

    const parts = {
      day: field(params, 'at[day]'),
      month: field(params, 'at[month]'),
      year: field(params, 'at[year]'),
    };
    const atParam = field(params, 'at');
    const read = atParam
      ? readDateParts(isoToParts(atParam), 'The date')
      : readDateParts(parts, 'The date');
    const errors = read.ok === false ? [{ field: 'at', text: read.message }] : [];
    const at = read.ok === true ? read.value : undefined;
    if (at && at > todayIso())
      errors.push({ field: 'at', text: 'The date must be today or in the past' });
    const asOf = errors.length === 0 ? at : undefined;

    const result = await this.api.get<unknown>(
      request,
      `/api/v1/register/${registerNumber}${query({ at: asOf })}`,
    );
    let notYetOn: string | null = null;
    if (!result.ok && result.status === 404 && asOf) {
      // The number exists today but not on that date: the person joined the register later.
      const today = await this.api.get<unknown>(request, `/api/v1/register/${registerNumber}`);
      if (today.ok) {
        const name = fullName(today.data);
        notYetOn = `${name || registerNumber} was not on the register on ${formatDate(asOf)}. Entries begin on the day a person joins the register.`;
      }
    }
    if (!result.ok && notYetOn === null) {
      if (result.status === 404)
        throw new PageNotFoundError('There is no practitioner on the register with that number.');
      errors.push({
        field: 'at',
        text: capitalise(result.problem.errors?.[0]?.message ?? result.problem.detail),
      });
    }
    const entry = result.ok ? entryView(result.data) : null;
    if (entry && !entry.registerNumber) entry.registerNumber = registerNumber;
    const pageUrl = `${publicBase(request, this.http.publicUrl)}/register/${registerNumber}`;
    return this.pages.render(
      request,
      reply,
      'register-entry',
      {
        title: entry ? `${entry.name} (${registerNumber})` : registerNumber,
        entry,
        registerNumber,
        asOf: asOf ? formatDate(asOf) : null,
        asOfIso: asOf ?? null,
        values: { at: asOf ? isoToParts(asOf) : read.ok === false ? parts : {} },
        qrCode: await qrCodeDataUrl(pageUrl),
        pageUrl,
        ...formErrorView(errors, { at: 'at-day' }),
        notYetOn,
      },
      errors.length ? 400 : 200,
    );
  }

  private async roleOptions(request: FastifyRequest, selected: string) {
    const roles = await this.api.get<unknown>(request, '/api/v1/roles');
    const list = roles.ok ? asArray(roles.data).concat(asArray(asObject(roles.data).items)) : [];
    return [{ value: '', text: 'Any role' }].concat(
      list.map((r) => ({
        value: text(r, 'code'),
        text: text(r, 'title', 'code'),
        selected: text(r, 'code') === selected,
      })),
    );
  }
}

function checkQuery(q: string, role: string): string | null {
  if (!q && !role) return 'Enter a name, register number or professional registration number';
  if (q.length > MAX_QUERY) return `Search terms must be ${MAX_QUERY} characters or fewer`;
  if (/^dl[\s\d-]+$/i.test(q)) {
    const parsed = parseRegisterNumber(q);
    if (!parsed.ok && parsed.reason === 'check-digit') return checkDigitMessage(q);
    if (!parsed.ok) return 'A register number is DL followed by 8 digits, for example DL12345671';
  }
  return null;
}

const checkDigitMessage = (q: string) =>
  `${q.toUpperCase()} is not a valid register number: the last digit does not match the others. Did you mistype the number?`;

const capitalise = (s: string) =>
  s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Something went wrong';

/** The address printed in the QR code: the configured public URL, else the one the visitor used. */
export function publicBase(request: FastifyRequest, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}
