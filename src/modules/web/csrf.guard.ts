import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FormExpiredError } from './page-errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const IN_UPLOAD_BODY = 'web:csrf-in-upload-body';

/**
 * An upload form's token travels in its multipart body, which only the handler reads: the guard
 * lets such a request through, and the handler must call `checkUploadCsrf` before using the file.
 */
export const CsrfInUploadBody = () => SetMetadata(IN_UPLOAD_BODY, true);

/** Runs the CSRF plugin's check on a token, answering instead of sending its bare 403. */
function passes(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    // The plugin reports a failure through reply.send; catch it instead of sending.
    const probe = new Proxy(reply, {
      get: (target, key, receiver) =>
        key === 'send' ? () => resolve(false) : (Reflect.get(target, key, receiver) as unknown),
    });
    request.server.csrfProtection(request, probe, () => resolve(true));
  });
}

/** The token an upload form sent in its body (read from the fields before the file). */
export async function checkUploadCsrf(
  request: FastifyRequest,
  reply: FastifyReply,
  token: unknown,
): Promise<void> {
  const value = typeof token === 'string' ? token : '';
  (request as { body: unknown }).body = { _csrf: value };
  if (!value || !(await passes(request, reply))) throw new FormExpiredError();
}

/** The `_csrf` field a multipart file part carries from the fields sent before it. */
export function uploadToken(fields: Record<string, unknown> | undefined): unknown {
  const field = fields?._csrf;
  const one = Array.isArray(field) ? (field[0] as unknown) : field;
  return typeof one === 'object' && one !== null ? (one as { value?: unknown }).value : undefined;
}

/**
 * Every page form is checked here, after the body is parsed, so a failure renders a page
 * (through PageErrorFilter) instead of the plugin's bare JSON 403.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (SAFE_METHODS.has(request.method)) return true;
    const query = request.query as Record<string, unknown> | undefined;
    if (
      request.isMultipart() &&
      query?._csrf === undefined &&
      this.reflector.get<boolean>(IN_UPLOAD_BODY, context.getHandler())
    )
      return true;
    if (!(await passes(request, reply))) throw new FormExpiredError();
    return true;
  }
}
