import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { ProblemDetailsFilter } from './common/filters/problem-details.filter.js';
import { createValidationPipe } from './common/filters/validation.js';
import { NestPinoLogger } from './common/logging/logger.js';
import { requestContext } from './common/logging/request-context.js';
import { lazyRequestLoggers } from './common/logging/request-logger.js';
import { traceparentFor } from './common/logging/traceparent.js';
import { instrumentHttp } from './common/metrics/http-metrics.js';
import { validateEnvironment } from './config/env.validation.js';
import { registerBodyParsers } from './common/http/body-parsers.js';
import { multipartUploads } from './common/http/multipart.js';
import { registerSecurityHeaders } from './common/http/security-headers.js';
import { onClientError, onFrameworkError } from './common/http/framework-errors.js';
import { registerHostileInputGuard } from './common/http/hostile-strings.js';
import { registerShutdownGate } from './common/http/shutdown-gate.js';
import { configureHttpCache } from './common/http-cache/http-cache.js';
import { RouteTable } from './common/http/method-not-allowed.js';
import { setupOpenApi } from './common/openapi/setup-openapi.js';
import { markStartup } from './common/startup/startup-timings.js';
import { configureWeb } from './modules/web/configure-web.js';
import { pageErrorFallback } from './modules/web/page-error-fallback.js';

const CORRELATION_HEADER = 'x-correlation-id';
const DB_QUERIES_HEADER = 'x-db-queries';
const VALID_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export async function createApp(logger: Logger): Promise<NestFastifyApplication> {
  const env = validateEnvironment(process.env);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    childLoggerFactory: lazyRequestLoggers,
    trustProxy: env.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
    return503OnClosing: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers[CORRELATION_HEADER];
      return typeof given === 'string' && VALID_CORRELATION_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new NestPinoLogger(logger),
    bufferLogs: false,
    // Body parsing is ours (src/common/http/body-parsers.ts): bulk routes stream their bodies.
    bodyParser: false,
  });
  markStartup('nest modules created');
  await configureApp(app);
  markStartup('app configured');
  return app;
}

/** Everything both main.ts and the tests need, so the app under test is the app in production. */
export async function configureApp(app: NestFastifyApplication): Promise<INestApplication> {
  const fastify = app.getHttpAdapter().getInstance();
  const routes = new RouteTable();
  routes.register(fastify);
  registerBodyParsers(fastify, 1024 * 1024);
  registerHostileInputGuard(fastify);
  registerShutdownGate(fastify);
  const countQueries = validateEnvironment(process.env).DB_QUERY_COUNT_HEADER;
  instrumentHttp(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    const traceparent = traceparentFor(request.headers.traceparent);
    void reply.header(CORRELATION_HEADER, request.id).header('traceparent', traceparent);
    requestContext.run(
      {
        correlationId: String(request.id),
        traceparent,
        ...(countQueries ? { dbQueries: 0 } : {}),
      },
      done,
    );
  });
  if (countQueries) {
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      void reply.header(DB_QUERIES_HEADER, String(requestContext.getStore()?.dbQueries ?? -1));
      done(null, payload);
    });
  }
  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Agrees with frame-ancestors 'none' for browsers that only read the older header.
    frameguard: { action: 'deny' },
  });
  configureHttpCache(app);
  // Every multipart form here is one file and a few fields: tighter limits than busboy's defaults,
  // each an explicit 413 problem (src/common/http/request-errors.ts).
  await app.register(multipartUploads, {
    limits: {
      fileSize: 10 * 1024 * 1024,
      files: 1,
      fields: 5,
      parts: 8,
      fieldNameSize: 100,
      fieldSize: 64 * 1024,
      headerPairs: 20,
    },
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(pageErrorFallback(), routes));
  await configureWeb(app);
  setupOpenApi(app);
  return app;
}
