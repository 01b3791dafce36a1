import type { FastifyInstance } from 'fastify';
import { httpDuration, httpRequests } from './metrics.js';

/**
 * Counts and times every response by its route template (`/api/v1/register/:registerNumber`), never
 * the raw URL, so the series stay few; requests no route matched count as `unmatched`.
 */
export function instrumentHttp(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    httpRequests.inc(labels);
    httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
