import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { isOutage } from '../../common/errors/outage.js';
import { SignInRequiredError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';

/** Page routes answer with pages, not problem+json: a sign-in redirect, a 404 page, a 500 page. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');
  private readonly renderer = new PageRenderer();

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequiredError) {
      return this.renderer.redirect(
        reply,
        `/sign-in?next=${encodeURIComponent(exception.returnTo)}`,
      );
    }
    const status = statusOf(exception);
    if (status >= 500) {
      this.logger.error(
        exception instanceof Error ? exception.message : 'Unknown error',
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    const known = exception instanceof AppError && status < 500;
    try {
      await this.renderer.render(
        request,
        reply,
        'error',
        {
          title: known
            ? exception.title
            : status === 404
              ? 'Page not found'
              : 'Sorry, there is a problem with the service',
          detail: known
            ? exception.detail
            : status === 404
              ? 'If you typed the web address, check it is correct.'
              : 'Try again later.',
          correlationId: String(request.id),
        },
        status,
      );
    } catch (error) {
      this.logger.error(error instanceof Error ? error.message : 'Error page failed');
      if (!reply.sent)
        await reply
          .status(status)
          .type('text/plain')
          .send('Sorry, there is a problem with the service.');
    }
  }
}

function statusOf(exception: unknown): number {
  if (exception instanceof AppError) return exception.status;
  if (isOutage(exception)) return 503;
  if (exception instanceof HttpException) return exception.getStatus();
  const code = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
}
