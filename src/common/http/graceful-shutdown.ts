import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { startDraining } from './shutdown-gate.js';

export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * SIGTERM/SIGINT: new requests get a 503 problem, idle connections close at once, in-flight
 * requests get most of the grace period; then every connection still open (e.g. an upload the
 * client never finished sending) is destroyed, so the process always exits within the bound.
 */
export function installGracefulShutdown(
  app: NestFastifyApplication,
  logger: Logger,
  graceMs = SHUTDOWN_GRACE_MS,
): void {
  let started = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    logger.info({ signal, graceMs }, 'Shutting down');
    const fastify = app.getHttpAdapter().getInstance();
    const server = app.getHttpServer();
    startDraining(fastify);
    server.closeIdleConnections();
    const cut = setTimeout(() => {
      logger.warn('Closing connections still open at the end of the grace period');
      server.closeAllConnections();
    }, graceMs * 0.7);
    const hard = setTimeout(() => {
      logger.error('Shutdown did not finish in time; exiting');
      process.exit(1);
    }, graceMs);
    cut.unref();
    hard.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
