import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { currentCorrelationId, currentTraceparent } from './request-context.js';

/** Structured JSON logs; credentials and cookies are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'digital-leadership-registry' },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'message',
    mixin: () => {
      const correlationId = currentCorrelationId();
      const traceparent = currentTraceparent();
      return {
        ...(correlationId ? { correlationId } : {}),
        ...(traceparent ? { traceparent } : {}),
      };
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  });
}

/** Nest's own log calls go to the same pino logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
