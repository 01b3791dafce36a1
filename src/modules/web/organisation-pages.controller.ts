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
import { CsrfGuard } from './csrf.guard.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { formatDateTime } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import { humanise } from './tags.js';

const DELIVERY: Record<string, string> = {
  pending: 'Waiting to be sent',
  delivered: 'Delivered',
  failed: 'Failed (attempts used up)',
  'feed-only': 'Feed only (no webhook)',
};

const EVENT: Record<string, string> = {
  'credential.issued': 'Credential issued',
  'credential.status-changed': 'Credential status changed',
  'practitioner.status-changed': 'Register status changed',
  'claim.decided': 'Declared qualification decided',
  'role-standing.changed': 'Standing in a role changed',
};

const sentence = (s: string) => (s ? `${s.charAt(0).toUpperCase()}${s.slice(1)}` : s);

/** An employer's own area: organisation and colleagues, watch-lists with webhooks, past checks. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('employer')
export class OrganisationPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'employer');
    return this.renderHome(request, reply, {}, []);
  }

  @Post('colleagues')
  async addColleague(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'employer');
    const email = field(body, 'email');
    const errors: FormError[] = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.push({
        field: 'email',
        text: 'Enter an email address in the correct format, like name@example.com',
      });
    if (!errors.length) {
      const added = await this.api.post(request, '/api/v1/organisations/me/colleagues', { email });
      if (added.ok) return this.pages.redirect(reply, '/employer?added=1');
      errors.push({
        field: 'email',
        text:
          added.problem.code === 'AUTH.EMAIL_TAKEN'
            ? 'An account already uses this email address'
            : sentence(added.problem.detail) || 'The colleague could not be added. Try again',
      });
    }
    return this.renderHome(request, reply, { email }, errors, 400);
  }

  @Get('watch-lists')
  watchLists(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'employer');
    return this.renderWatchLists(request, reply, {}, []);
  }

  @Post('watch-lists')
  async watch(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'employer');
    const values = {
      registerNumber: field(body, 'registerNumber').toUpperCase(),
      webhookUrl: field(body, 'webhookUrl'),
      emailNotices: field(body, 'emailNotices') === 'yes',
    };
    const errors: FormError[] = [];
    if (!values.registerNumber)
      errors.push({ field: 'registerNumber', text: 'Enter the register number' });
    if (values.webhookUrl && !/^https?:\/\//.test(values.webhookUrl))
      errors.push({ field: 'webhookUrl', text: 'Enter a web address starting with https://' });
    if (!errors.length) {
      const created = await this.api.post<unknown>(request, '/api/v1/watch-lists', {
        registerNumber: values.registerNumber,
        ...(values.webhookUrl ? { webhookUrl: values.webhookUrl } : {}),
        emailNotices: values.emailNotices,
      });
      if (created.ok) {
        return this.pages.render(
          request,
          reply,
          'employer-watch-created',
          {
            title: 'Watching this person',
            registerNumber: text(created.data, 'registerNumber'),
            webhookUrl: text(created.data, 'webhookUrl'),
            secret: text(created.data, 'secret'),
            id: text(created.data, 'id'),
          },
          201,
        );
      }
      const problem = created.problem;
      errors.push({
        field:
          problem.errors?.some((e) => e.field === 'webhookUrl') || /webhook/i.test(problem.code)
            ? 'webhookUrl'
            : 'registerNumber',
        text: sentence(problem.errors?.[0]?.message ?? problem.detail) || 'Try again',
      });
    }
    return this.renderWatchLists(request, reply, values, errors, 400);
  }

  @Get('watch-lists/:id')
  async watchList(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'employer');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new PageNotFoundError();
    const [lists, events] = await Promise.all([
      this.api.get<unknown>(request, '/api/v1/watch-lists?pageSize=100'),
      this.api.get<unknown>(request, `/api/v1/watch-lists/${id}/events?limit=100`),
    ]);
    const list = asArray(asObject(lists.ok ? lists.data : {}).items).find(
      (w) => text(w, 'id') === id,
    );
    if (!list || !events.ok) throw new PageNotFoundError();
    return this.pages.render(request, reply, 'employer-watch-list', {
      title: `Watching ${text(list, 'registerNumber')}`,
      id,
      registerNumber: text(list, 'registerNumber'),
      webhookUrl: text(list, 'webhookUrl'),
      purpose: text(list, 'purpose'),
      emailNotices: asObject(list).emailNotices === true,
      events: asArray(asObject(events.data).items)
        .map((e) => ({
          when: formatDateTime(text(e, 'occurredAt')),
          what: EVENT[text(e, 'type')] ?? humanise(text(e, 'type')),
          delivery: DELIVERY[text(e, 'delivery')] ?? humanise(text(e, 'delivery')),
        }))
        .reverse(),
    });
  }

  @Post('watch-lists/:id/email')
  async email(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'employer');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new PageNotFoundError();
    const set = await this.api.call(request, {
      method: 'PATCH',
      url: `/api/v1/watch-lists/${id}`,
      body: { emailNotices: field(body, 'emailNotices') === 'yes' },
    });
    if (!set.ok) throw new PageNotFoundError();
    return this.pages.redirect(reply, `/employer/watch-lists/${id}`);
  }

  @Post('watch-lists/:id/stop')
  async stop(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    requireAccount(request, 'employer');
    await this.api.call(request, {
      method: 'DELETE',
      url: `/api/v1/watch-lists/${encodeURIComponent(id)}`,
    });
    return this.pages.redirect(reply, '/employer/watch-lists');
  }

  @Get('checks')
  async checks(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'employer');
    const result = await this.api.get<unknown>(
      request,
      '/api/v1/organisations/me/checks?pageSize=100',
    );
    return this.pages.render(request, reply, 'employer-checks', {
      title: 'Your past checks',
      checks: asArray(asObject(result.ok ? result.data : {}).items).map((c) => ({
        reference: text(c, 'reference'),
        registerNumber: text(c, 'registerNumber'),
        what: [text(c, 'title'), text(c, 'awardingBody')].filter(Boolean).join(', '),
        outcome: humanise(text(c, 'outcome')),
        when: formatDateTime(text(c, 'checkedAt')),
      })),
    });
  }

  private async renderHome(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    const result = await this.api.get<unknown>(request, '/api/v1/organisations/me');
    const organisation = asObject(result.ok ? result.data : {});
    return this.pages.render(
      request,
      reply,
      'employer-home',
      {
        title: text(organisation, 'name') || 'Your organisation',
        verified: organisation.verified === true,
        added: request.url.includes('added=1'),
        colleagues: asArray(organisation.colleagues).map((c) => ({
          email: text(c, 'email'),
          state:
            asObject(c).emailConfirmed === true ? 'Active' : 'Invited (has not used the link yet)',
        })),
        values,
        ...formErrorView(errors),
      },
      status,
    );
  }

  private async renderWatchLists(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    const [lists, org] = await Promise.all([
      this.api.get<unknown>(request, '/api/v1/watch-lists?pageSize=100'),
      this.api.get<unknown>(request, '/api/v1/organisations/me'),
    ]);
    return this.pages.render(
      request,
      reply,
      'employer-watch-lists',
      {
        title: 'Watch-lists',
        verified: asObject(org.ok ? org.data : {}).verified === true,
        lists: asArray(asObject(lists.ok ? lists.data : {}).items).map((w) => ({
          id: text(w, 'id'),
          registerNumber: text(w, 'registerNumber'),
          purpose: text(w, 'purpose'),
          webhook: text(w, 'webhookUrl') || 'None (read the feed)',
          emailNotices: asObject(w).emailNotices === true,
          since: formatDateTime(text(w, 'createdAt')),
        })),
        values,
        ...formErrorView(errors),
      },
      status,
    );
  }
}
