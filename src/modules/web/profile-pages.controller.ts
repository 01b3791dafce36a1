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
import { readDateParts } from './dates.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { formatDate } from './format.js';
import { asArray, asObject, type Json, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { type Problem, RegistryApi } from './registry-api.js';

const BODIES = ['GMC', 'NMC', 'HCPC', 'GPhC'];
const VISIBILITY = [
  { value: 'listed', text: 'List me in register search results' },
  { value: 'formerNames', text: 'Show my former names' },
  { value: 'appointments', text: 'Show the roles I hold or held' },
  { value: 'professionalRegistrations', text: 'Show my professional registrations' },
];

interface Registration {
  body: string;
  number: string;
  current: boolean;
}
interface Appointment {
  roleCode: string;
  organisation: string;
  startDate: string;
  endDate: string | null;
}

const registrationsOf = (p: Json): Registration[] =>
  asArray(p.registrations).map((r) => ({
    body: text(r, 'body'),
    number: text(r, 'number'),
    current: asObject(r).current !== false,
  }));

const appointmentsOf = (p: Json): Appointment[] =>
  asArray(p.appointments).map((a) => ({
    roleCode: text(a, 'roleCode'),
    organisation: text(a, 'organisation'),
    startDate: text(a, 'startDate'),
    endDate: text(a, 'endDate') || null,
  }));

/** The API's field errors as form errors, on the form field named by `fields`. */
function problemErrors(problem: Problem, fallback: string, fields: Record<string, string>) {
  const listed = (problem.errors ?? []).map((e) => {
    const key = Object.keys(fields).find((k) => e.field.startsWith(k));
    return {
      field: key ? (fields[key] ?? fallback) : fallback,
      text: `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}`,
    };
  });
  return listed.length ? listed : [{ field: fallback, text: problem.detail || 'Try again' }];
}

/** The practitioner's profile: names, former names, what the public sees, registrations, roles. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('account/profile')
export class ProfilePagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'practitioner');
    return this.render(request, reply, {}, []);
  }

  @Post('name')
  async name(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const values = {
      givenName: field(body, 'givenName'),
      familyName: field(body, 'familyName'),
      nameChangeReason: field(body, 'nameChangeReason'),
    };
    const errors: FormError[] = [];
    if (!values.givenName) errors.push({ field: 'givenName', text: 'Enter your given name' });
    if (!values.familyName) errors.push({ field: 'familyName', text: 'Enter your family name' });
    if (!values.nameChangeReason)
      errors.push({
        field: 'nameChangeReason',
        text: 'Enter why your name changed, for example marriage or a correction',
      });
    return this.patch(request, reply, values, errors, values, 'givenName', {
      givenName: 'givenName',
      familyName: 'familyName',
      nameChangeReason: 'nameChangeReason',
    });
  }

  @Post('former-names')
  async formerNames(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const raw = field(body, 'formerNames');
    const names = raw
      .split(/\r?\n/)
      .map((n) => n.trim())
      .filter(Boolean);
    const errors: FormError[] = [];
    if (names.length > 10)
      errors.push({ field: 'formerNames', text: 'Enter 10 former names or fewer' });
    if (names.some((n) => n.length > 200))
      errors.push({
        field: 'formerNames',
        text: 'Each former name must be 200 characters or fewer',
      });
    return this.patch(
      request,
      reply,
      { formerNames: names },
      errors,
      { formerNames: raw },
      'formerNames',
      {
        formerNames: 'formerNames',
      },
    );
  }

  @Post('visibility')
  async visibility(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const raw = (body as Record<string, unknown> | null)?.visibility;
    const chosen = new Set((Array.isArray(raw) ? raw : [raw]).filter((v) => typeof v === 'string'));
    const visibility = Object.fromEntries(VISIBILITY.map((v) => [v.value, chosen.has(v.value)]));
    return this.patch(request, reply, { visibility }, [], {}, 'visibility', {});
  }

  @Post('registrations')
  async addRegistration(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const values = { regBody: field(body, 'regBody'), regNumber: field(body, 'regNumber') };
    const errors: FormError[] = [];
    if (!BODIES.includes(values.regBody))
      errors.push({ field: 'regBody', text: 'Select the register' });
    if (!values.regNumber)
      errors.push({ field: 'regNumber', text: 'Enter your registration number' });
    const profile = await this.profile(request);
    const list = registrationsOf(profile);
    list.push({ body: values.regBody, number: values.regNumber, current: true });
    return this.patch(request, reply, { registrations: list }, errors, values, 'regNumber', {
      registrations: 'regNumber',
    });
  }

  @Post('registrations/:index/remove')
  async removeRegistration(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('index') index: string,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const list = registrationsOf(await this.profile(request)).filter(
      (_r, i) => String(i) !== index,
    );
    return this.patch(request, reply, { registrations: list }, [], {}, 'regNumber', {});
  }

  @Post('appointments')
  async addAppointment(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const parts = (prefix: string) => ({
      day: field(body, `${prefix}[day]`),
      month: field(body, `${prefix}[month]`),
      year: field(body, `${prefix}[year]`),
    });
    const values = {
      roleCode: field(body, 'roleCode'),
      organisation: field(body, 'organisation'),
      started: parts('started'),
      ended: parts('ended'),
    };
    const errors: FormError[] = [];
    if (!values.roleCode) errors.push({ field: 'roleCode', text: 'Select the role' });
    if (!values.organisation)
      errors.push({ field: 'organisation', text: 'Enter the organisation' });
    const start = readDateParts(values.started, 'Start date');
    if (start.ok === 'empty') errors.push({ field: 'started', text: 'Enter the start date' });
    else if (start.ok === false) errors.push({ field: 'started', text: start.message });
    const end = readDateParts(values.ended, 'End date');
    if (end.ok === false) errors.push({ field: 'ended', text: end.message });
    else if (end.ok === true && start.ok === true && end.value < start.value)
      errors.push({ field: 'ended', text: 'End date must be the same as or after the start date' });
    const list = appointmentsOf(await this.profile(request));
    list.push({
      roleCode: values.roleCode,
      organisation: values.organisation,
      startDate: start.ok === true ? start.value : '',
      endDate: end.ok === true ? end.value : null,
    });
    return this.patch(request, reply, { appointments: list }, errors, values, 'roleCode', {
      appointments: 'roleCode',
    });
  }

  @Post('appointments/:index/remove')
  async removeAppointment(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('index') index: string,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const list = appointmentsOf(await this.profile(request)).filter((_a, i) => String(i) !== index);
    return this.patch(request, reply, { appointments: list }, [], {}, 'roleCode', {});
  }

  /** Sends one change through the API; on success back to the profile, else the form again. */
  private async patch(
    request: FastifyRequest,
    reply: FastifyReply,
    change: object,
    errors: FormError[],
    values: Record<string, unknown>,
    fallback: string,
    fields: Record<string, string>,
  ): Promise<void> {
    if (!errors.length) {
      const result = await this.api.call(request, {
        method: 'PATCH',
        url: '/api/v1/practitioners/me',
        body: change,
      });
      if (result.ok) return this.pages.redirect(reply, '/account/profile?saved=1');
      errors.push(...problemErrors(result.problem, fallback, fields));
    }
    return this.render(request, reply, values, errors, 400);
  }

  private async profile(request: FastifyRequest): Promise<Json> {
    const me = await this.api.get<unknown>(request, '/api/v1/practitioners/me');
    return asObject(me.ok ? me.data : {});
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    const [profile, roles] = await Promise.all([
      this.profile(request),
      this.api.get<unknown>(request, '/api/v1/roles'),
    ]);
    const visibility = asObject(profile.visibility);
    const roleList = asArray(roles.ok ? roles.data : []).concat(
      asArray(asObject(roles.ok ? roles.data : {}).items),
    );
    const roleTitles = new Map(roleList.map((r) => [text(r, 'code'), text(r, 'title')]));
    return this.pages.render(
      request,
      reply,
      'account-profile',
      {
        title: 'Your profile',
        saved: request.url.includes('saved=1'),
        givenName: text(profile, 'givenName'),
        familyName: text(profile, 'familyName'),
        formerNames: asArray(profile.formerNames).filter((n) => typeof n === 'string'),
        visibilityItems: VISIBILITY.map((v) => ({
          ...v,
          checked: visibility[v.value] === true,
        })),
        registrations: registrationsOf(profile),
        appointments: appointmentsOf(profile).map((a) => ({
          ...a,
          role: roleTitles.get(a.roleCode) ?? a.roleCode,
          from: formatDate(a.startDate),
          to: a.endDate ? formatDate(a.endDate) : 'now',
        })),
        bodyItems: [{ value: '', text: 'Select a register' }].concat(
          BODIES.map((b) => ({ value: b, text: b, selected: values.regBody === b }) as never),
        ),
        roleItems: [{ value: '', text: 'Select a role' }].concat(
          roleList.map(
            (r) =>
              ({
                value: text(r, 'code'),
                text: `${text(r, 'title')} (${text(r, 'code')})`,
                selected: values.roleCode === text(r, 'code'),
              }) as never,
          ),
        ),
        values: {
          givenName: text(profile, 'givenName'),
          familyName: text(profile, 'familyName'),
          formerNames: asArray(profile.formerNames).join('\n'),
          started: {},
          ended: {},
          ...values,
        },
        ...formErrorView(errors, {
          visibility: 'visibility',
          started: 'started-day',
          ended: 'ended-day',
        }),
      },
      status,
    );
  }
}
