import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OptimisticLockVersionMismatchError } from 'typeorm';
import { AppError, type FieldError } from '../errors/app-error.js';
import { isOutage, ServiceUnavailableError } from '../errors/outage.js';
import { MethodNotAllowedError, type RouteTable } from '../http/method-not-allowed.js';
import { requestBodyError } from '../http/request-errors.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
}

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['REQUEST.INVALID', 'Invalid request'],
  401: ['AUTH.UNAUTHENTICATED', 'Unauthenticated'],
  403: ['AUTH.FORBIDDEN', 'Forbidden'],
  404: ['ROUTE.NOT_FOUND', 'Not found'],
  405: ['ROUTE.METHOD_NOT_ALLOWED', 'Method not allowed'],
  406: ['REQUEST.NOT_ACCEPTABLE', 'Not acceptable'],
  409: ['REQUEST.CONFLICT', 'Conflict'],
  413: ['REQUEST.TOO_LARGE', 'Payload too large'],
  415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type'],
  422: ['REQUEST.UNPROCESSABLE', 'Unprocessable request'],
  429: ['REQUEST.RATE_LIMITED', 'Too many requests'],
};

/** Renders errors for browser pages (the web module's HTML error page); the API keeps problem+json. */
export interface PageErrorResponder {
  handles(request: FastifyRequest): boolean;
  respond(exception: unknown, host: ArgumentsHost): Promise<void>;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Turns every error into RFC 9457 problem+json; unknown errors become a logged, generic 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly pages?: PageErrorResponder,
    private readonly routes?: RouteTable,
  ) {}

  catch(thrown: unknown, host: ArgumentsHost): void | Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const exception = this.methodNotAllowed(thrown, request) ?? thrown;
    if (this.pages?.handles(request)) return this.pages.respond(exception, host);
    const known = !(exception instanceof AppError) && isOutage(exception);
    if (known) this.logger.warn(`Outage: ${(exception as Error).message}`);
    const error = known
      ? new ServiceUnavailableError()
      : (requestBodyError(exception) ?? exception);
    const problem = this.toProblem(error);
    problem.instance = request.url.split('?')[0];
    problem.correlationId = String(request.id);
    if (error instanceof AppError && error.headers) {
      void reply.headers(error.headers);
    }
    void reply.status(problem.status).type('application/problem+json').send(problem);
  }

  /** The router's 404 for a known path asked with another method is a 405 naming the methods. */
  private methodNotAllowed(exception: unknown, request: FastifyRequest): AppError | undefined {
    if (!(exception instanceof NotFoundException) || !request.is404 || !this.routes)
      return undefined;
    const allowed = this.routes.allowedMethods(request.url);
    // A wildcard route that answers this method but found nothing (a missing static file) is a 404.
    if (allowed.length === 0 || allowed.includes(request.method)) return undefined;
    return new MethodNotAllowedError(allowed);
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof AppError) {
      return problem(
        exception.code,
        exception.status,
        exception.title,
        exception.detail,
        exception.errors,
      );
    }
    if (exception instanceof OptimisticLockVersionMismatchError) {
      return problem(
        'REQUEST.CONCURRENT_CHANGE',
        409,
        'Conflict',
        'The record was changed by another request; read it again and retry.',
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, title] = HTTP_CODES[status] ?? ['REQUEST.FAILED', 'Request failed'];
      return problem(code, status, title, httpDetail(exception));
    }
    const fastifyError = exception as FastifyLikeError;
    if (
      typeof fastifyError?.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      const status = fastifyError.statusCode;
      const [code, title] = HTTP_CODES[status] ?? ['REQUEST.INVALID', 'Invalid request'];
      return problem(code, status, title, fastifyError.message ?? title);
    }
    this.logger.error(
      exception instanceof Error ? exception.message : 'Unknown error',
      exception instanceof Error ? exception.stack : undefined,
    );
    return problem(
      'SERVER.INTERNAL',
      HttpStatus.INTERNAL_SERVER_ERROR,
      'Internal server error',
      'Something went wrong on our side. Quote the correlation id if you contact us.',
    );
  }
}

function problem(
  code: string,
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
): ProblemDetails {
  const body: ProblemDetails = {
    type: `/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title,
    status,
    detail,
    code,
  };
  if (errors?.length) body.errors = errors;
  return body;
}

function httpDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
