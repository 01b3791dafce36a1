import {
  Body,
  Controller,
  Get,
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
import { readDateParts } from './dates.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { type Problem, RegistryApi } from './registry-api.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Messages the visitor can act on, for the API's field names. */
const API_FIELD_TEXT: Record<string, string> = {
  email: 'Enter an email address in the correct format, like name@example.com',
  password: 'Enter a password of 12 to 128 characters',
  givenName: 'Enter your given name (100 characters or fewer)',
  familyName: 'Enter your family name (100 characters or fewer)',
  dateOfBirth: 'Date of birth must be a real date in the past',
  organisationName: 'Enter the organisation’s name (200 characters or fewer)',
};

function passwordErrors(password: string, confirm: string): FormError[] {
  if (!password) return [{ field: 'password', text: 'Enter a password' }];
  if (password.length < 12 || password.length > 128)
    return [{ field: 'password', text: 'Enter a password of 12 to 128 characters' }];
  if (password !== confirm)
    return [{ field: 'confirmPassword', text: 'The passwords do not match' }];
  return [];
}

function emailErrors(email: string): FormError[] {
  if (!email) return [{ field: 'email', text: 'Enter your email address' }];
  if (!EMAIL.test(email) || email.length > 320)
    return [{ field: 'email', text: API_FIELD_TEXT.email ?? '' }];
  return [];
}

/** The API's refusal as form errors: a taken address, or its per-field messages. */
function apiErrors(problem: Problem): FormError[] {
  if (problem.code === 'AUTH.EMAIL_TAKEN')
    return [
      {
        field: 'email',
        text: 'An account already uses this email address. Sign in, or reset your password',
      },
    ];
  const listed = (problem.errors ?? []).map((e) => {
    const name = e.field.split('.')[0] ?? e.field;
    return { field: name, text: API_FIELD_TEXT[name] ?? `${name}: ${e.message}` };
  });
  return listed.length
    ? listed
    : [{ field: 'email', text: 'The account could not be made. Try again' }];
}

const password = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : '';
};

/** Creating an account (practitioner or employer), confirming its address, resetting a password. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller()
export class SignUpPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get('sign-up')
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.renderSignUp(request, reply, {}, []);
  }

  @Post('sign-up')
  async signUp(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const values = {
      givenName: field(body, 'givenName'),
      familyName: field(body, 'familyName'),
      email: field(body, 'email'),
      dob: {
        day: field(body, 'dob[day]'),
        month: field(body, 'dob[month]'),
        year: field(body, 'dob[year]'),
      },
    };
    const errors: FormError[] = [];
    if (!values.givenName) errors.push({ field: 'givenName', text: 'Enter your given name' });
    if (!values.familyName) errors.push({ field: 'familyName', text: 'Enter your family name' });
    const dob = readDateParts(values.dob, 'Date of birth');
    if (dob.ok === 'empty') errors.push({ field: 'dob', text: 'Enter your date of birth' });
    else if (dob.ok === false) errors.push({ field: 'dob', text: dob.message });
    else if (dob.value >= new Date().toISOString().slice(0, 10) || dob.value < '1900-01-01')
      errors.push({ field: 'dob', text: 'Date of birth must be a real date in the past' });
    errors.push(...emailErrors(values.email));
    errors.push(...passwordErrors(password(body, 'password'), password(body, 'confirmPassword')));
    if (!errors.length && dob.ok === true) {
      const created = await this.api.call<unknown>(request, {
        method: 'POST',
        url: '/api/v1/auth/register',
        body: {
          email: values.email,
          password: password(body, 'password'),
          givenName: values.givenName,
          familyName: values.familyName,
          dateOfBirth: dob.value,
          listAfterEmailConfirmed: true,
        },
        headers: { authorization: '' },
      });
      if (created.ok) return this.checkEmail(request, reply, values.email);
      errors.push(
        ...apiErrors(created.problem).map((e) =>
          e.field === 'dateOfBirth' ? { ...e, field: 'dob' } : e,
        ),
      );
    }
    return this.renderSignUp(request, reply, values, errors, 400);
  }

  @Get('sign-up/employer')
  employerForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.renderEmployer(request, reply, {}, []);
  }

  @Post('sign-up/employer')
  async employerSignUp(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const values = {
      organisationName: field(body, 'organisationName'),
      email: field(body, 'email'),
    };
    const errors: FormError[] = [];
    if (!values.organisationName)
      errors.push({ field: 'organisationName', text: 'Enter the organisation’s name' });
    errors.push(...emailErrors(values.email));
    errors.push(...passwordErrors(password(body, 'password'), password(body, 'confirmPassword')));
    if (!errors.length) {
      const created = await this.api.call<unknown>(request, {
        method: 'POST',
        url: '/api/v1/auth/register',
        body: {
          accountType: 'employer',
          email: values.email,
          password: password(body, 'password'),
          organisationName: values.organisationName,
        },
        headers: { authorization: '' },
      });
      if (created.ok) return this.checkEmail(request, reply, values.email);
      errors.push(...apiErrors(created.problem));
    }
    return this.renderEmployer(request, reply, values, errors, 400);
  }

  @Get('confirm-email')
  async confirm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    // A GET only shows a button: mail scanners that open links must not spend the token.
    return this.pages.render(request, reply, 'confirm-email', {
      title: 'Confirm your email address',
      token: field(params, 'token'),
    });
  }

  @Post('confirm-email')
  async confirmPost(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const result = await this.api.call(request, {
      method: 'POST',
      url: '/api/v1/auth/email-confirmations',
      body: { token: field(body, 'token') },
      headers: { authorization: '' },
    });
    return this.pages.render(
      request,
      reply,
      result.ok ? 'confirm-email-done' : 'link-invalid',
      { title: result.ok ? 'Email address confirmed' : 'The link has expired or was used' },
      result.ok ? 200 : 400,
    );
  }

  @Post('account/confirmation-email')
  async resend(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.api.call(request, {
      method: 'POST',
      url: '/api/v1/auth/email-confirmations/resend',
    });
    return this.pages.redirect(reply, '/account?sent=confirmation');
  }

  @Get('forgot-password')
  forgot(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.render(request, reply, 'forgot-password', {
      title: 'Reset your password',
      values: { email: '' },
    });
  }

  @Post('forgot-password')
  async forgotPost(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const email = field(body, 'email');
    const errors = emailErrors(email);
    if (errors.length) {
      return this.pages.render(
        request,
        reply,
        'forgot-password',
        { title: 'Reset your password', values: { email }, ...formErrorView(errors) },
        400,
      );
    }
    await this.api.call(request, {
      method: 'POST',
      url: '/api/v1/auth/password-resets',
      body: { email },
      headers: { authorization: '' },
    });
    // The same page whether or not the address has an account.
    return this.pages.render(request, reply, 'forgot-password-sent', {
      title: 'Check your email',
      email,
    });
  }

  @Get('reset-password')
  reset(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    return this.pages.render(request, reply, 'reset-password', {
      title: 'Choose a new password',
      token: field(params, 'token'),
    });
  }

  @Post('reset-password')
  async resetPost(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const token = field(body, 'token');
    const errors = passwordErrors(password(body, 'password'), password(body, 'confirmPassword'));
    if (!errors.length) {
      const result = await this.api.call(request, {
        method: 'POST',
        url: '/api/v1/auth/password-resets/complete',
        body: { token, password: password(body, 'password') },
        headers: { authorization: '' },
      });
      if (result.ok) {
        return this.pages.render(request, reply, 'reset-password-done', {
          title: 'Your password has been changed',
        });
      }
      if (
        result.problem.code === 'ACCOUNT.TOKEN_INVALID' ||
        result.problem.errors?.some((e) => e.field === 'token')
      )
        return this.pages.render(
          request,
          reply,
          'link-invalid',
          { title: 'The link has expired or was used' },
          400,
        );
      errors.push(...apiErrors(result.problem));
    }
    return this.pages.render(
      request,
      reply,
      'reset-password',
      { title: 'Choose a new password', token, ...formErrorView(errors) },
      400,
    );
  }

  private checkEmail(request: FastifyRequest, reply: FastifyReply, email: string): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'sign-up-sent',
      { title: 'Check your email', email },
      201,
    );
  }

  private renderSignUp(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'sign-up',
      { title: 'Create an account', values, ...formErrorView(errors, { dob: 'dob-day' }) },
      status,
    );
  }

  private renderEmployer(
    request: FastifyRequest,
    reply: FastifyReply,
    values: object,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'sign-up-employer',
      { title: 'Register your organisation', values, ...formErrorView(errors) },
      status,
    );
  }
}
