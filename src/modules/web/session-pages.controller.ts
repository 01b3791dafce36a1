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
import { field, formErrorView, type FormError } from './form-errors.js';
import { text } from './json-read.js';
import { PageErrorFilter } from './page-error.filter.js';
import { SESSION_COOKIE } from './page-paths.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import { safeReturnPath } from './return-path.js';

const HOME_FOR_ROLE: Record<string, string> = {
  practitioner: '/account',
  issuer: '/issuer/claims',
  registrar: '/registrar',
  employer: '/employer',
};

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller()
export class SessionPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get('sign-in')
  form(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    return this.pages.render(request, reply, 'sign-in', {
      title: 'Sign in',
      values: { email: '', next: field(params, 'next') },
    });
  }

  /** Signs in through the API's own login, and keeps its token in an HTTP-only, same-site cookie. */
  @Post('sign-in')
  async signIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const email = field(body, 'email');
    const password =
      typeof (body as Record<string, unknown> | null)?.password === 'string'
        ? String((body as Record<string, unknown>).password)
        : '';
    const next = field(body, 'next');
    const errors: FormError[] = [];
    if (!email) errors.push({ field: 'email', text: 'Enter your email address' });
    else if (!/^[^\s@]+@[^\s@]+$/.test(email))
      errors.push({
        field: 'email',
        text: 'Enter an email address in the correct format, like name@example.com',
      });
    if (!password) errors.push({ field: 'password', text: 'Enter your password' });
    if (!errors.length) {
      const login = await this.api.call<unknown>(request, {
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { email, password },
        headers: { authorization: '' },
      });
      if (login.ok) {
        const token = text(login.data, 'accessToken');
        const expiresIn = Number(text(login.data, 'expiresIn')) || 900;
        const me = await this.api.call<unknown>(request, {
          method: 'GET',
          url: '/api/v1/me',
          headers: { authorization: `Bearer ${token}` },
        });
        const role = me.ok ? text(me.data, 'role') : '';
        void reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: 'auto',
          maxAge: expiresIn,
        });
        return this.pages.redirect(reply, safeReturnPath(next) ?? HOME_FOR_ROLE[role] ?? '/');
      }
      errors.push({
        field: 'email',
        text:
          login.status === 429
            ? 'Too many attempts. Wait and try again later'
            : 'The email address or password is not right',
      });
    }
    return this.pages.render(
      request,
      reply,
      'sign-in',
      { title: 'Sign in', values: { email, next }, ...formErrorView(errors) },
      login401(errors),
    );
  }

  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (request.cookies[SESSION_COOKIE]) {
      // Ends the token itself, not just the cookie: a copied cookie stops working too.
      await this.api.call(request, { method: 'POST', url: '/api/v1/auth/logout' });
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return this.pages.redirect(reply, '/');
  }
}

const login401 = (errors: FormError[]) =>
  errors.some((e) => e.text.startsWith('Too many attempts'))
    ? 429
    : errors.some((e) => e.text.startsWith('The email address or password'))
      ? 401
      : 400;
