import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FormExpiredError } from './page-errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every page form is checked here, after the body is parsed, so a failure renders a page
 * (through PageErrorFilter) instead of the plugin's bare JSON 403.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (SAFE_METHODS.has(request.method)) return true;
    const passed = await new Promise<boolean>((resolve) => {
      // The plugin reports a failure through reply.send; catch it instead of sending.
      const probe = new Proxy(reply, {
        get: (target, key, receiver) =>
          key === 'send' ? () => resolve(false) : (Reflect.get(target, key, receiver) as unknown),
      });
      request.server.csrfProtection(request, probe, () => resolve(true));
    });
    if (!passed) throw new FormExpiredError();
    return true;
  }
}
