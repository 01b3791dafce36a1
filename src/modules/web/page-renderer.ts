import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { performance } from 'node:perf_hooks';
import type { Principal } from '../auth/principal.js';
import { pageNonce } from './page-context.js';
import { SESSION_COOKIE } from './page-paths.js';

export type PageData = Record<string, unknown>;

export const principalOf = (request: FastifyRequest): Principal | null =>
  (request as FastifyRequest & { user?: Principal | null }).user ?? null;

/** Renders a page with what every page needs: nonce, CSRF token, who is signed in, timings. */
@Injectable()
export class PageRenderer {
  async render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: string,
    data: PageData = {},
    status = 200,
  ): Promise<void> {
    const started = performance.now();
    const principal = principalOf(request);
    const html = await reply.viewAsync(`pages/${page}.njk`, {
      cspNonce: pageNonce(request),
      csrfToken: reply.generateCsrf(),
      currentPath: request.url.split('?')[0],
      signedIn: principal !== null && typeof request.cookies[SESSION_COOKIE] === 'string',
      accountRole: principal?.role ?? null,
      errors: [],
      fieldErrors: {},
      values: {},
      ...data,
    });
    const template = performance.now() - started;
    // Server-Timing lets the browser tests (and anyone in dev tools) read each page's render cost.
    void reply.header(
      'server-timing',
      `tpl;dur=${template.toFixed(1)};desc="template", total;dur=${reply.elapsedTime.toFixed(1)};desc="server"`,
    );
    await reply.status(status).type('text/html; charset=utf-8').send(html);
  }

  async redirect(reply: FastifyReply, url: string): Promise<void> {
    await reply.status(303).header('location', url).send();
  }
}
