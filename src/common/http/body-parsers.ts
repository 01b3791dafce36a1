import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Routes that read their body as a stream (bulk files of any size); every other route is buffered. */
const STREAMED_ROUTES = new Set([
  '/api/v1/credentials/bulk',
  '/api/v1/credentials/bulk-status',
  '/api/v1/verifications/bulk',
]);

const isStreamed = (request: FastifyRequest) => STREAMED_ROUTES.has(request.routeOptions.url ?? '');

class PayloadTooLargeError extends Error {
  readonly statusCode = 413;
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
}

/**
 * JSON stays parsed by Fastify's own safe parser (prototype poisoning refused) within the body limit,
 * except on streamed routes, which get the raw stream. CSV is only accepted on streamed routes.
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  // No route reads plain text: a JSON route sent text/plain is a 415, not a validation failure.
  fastify.removeContentTypeParser('text/plain');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', (request, payload, done) => {
    if (isStreamed(request)) {
      done(null, payload);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > bodyLimit) {
        payload.removeAllListeners('data');
        payload.resume();
        done(
          new PayloadTooLargeError(`The request body is larger than ${bodyLimit} bytes.`),
          undefined,
        );
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (size <= bodyLimit) void parseJson(request, Buffer.concat(chunks).toString('utf8'), done);
    });
    payload.on('error', (error) => done(error, undefined));
  });
  fastify.addContentTypeParser(['text/csv', 'application/csv'], (request, payload, done) => {
    if (isStreamed(request)) {
      done(null, payload);
      return;
    }
    const error = Object.assign(new Error('CSV is only accepted by the bulk routes.'), {
      statusCode: 415,
    });
    done(error, undefined);
  });
}
