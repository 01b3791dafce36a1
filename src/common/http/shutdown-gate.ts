import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';

export class ShuttingDownError extends AppError {
  constructor() {
    super(
      'SERVER.SHUTTING_DOWN',
      503,
      'Service unavailable',
      'This instance is shutting down; retry the request.',
      undefined,
      { 'retry-after': '1', connection: 'close' },
    );
  }
}

const draining = new WeakSet<FastifyInstance>();

/** From now on, new requests get a 503 problem (with Retry-After) while in-flight ones finish. */
export function startDraining(fastify: FastifyInstance): void {
  draining.add(fastify);
}

/** Replaces Fastify's bare JSON 503 while closing with our problem+json one. */
export function registerShutdownGate(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    startDraining(fastify);
    done();
  });
  fastify.addHook('onRequest', (_request, _reply, done) => {
    done(draining.has(fastify) ? new ShuttingDownError() : undefined);
  });
}
