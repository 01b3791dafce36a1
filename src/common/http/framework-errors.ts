import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** The stable codes for errors raised by the HTTP server and router before any route runs. */
const CODES: Record<string, [number, string, string]> = {
  FST_ERR_BAD_URL: [400, 'REQUEST.BAD_URL', 'The address has an invalid percent-encoding.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'REQUEST.URI_TOO_LONG', 'A path segment is too long.'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'REQUEST.INVALID', 'The request could not be routed.'],
  HPE_HEADER_OVERFLOW: [431, 'REQUEST.HEADERS_TOO_LARGE', 'The address or headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST.TIMEOUT', 'The request took too long to arrive.'],
};
const MALFORMED: [number, string, string] = [
  400,
  'REQUEST.MALFORMED',
  'The request is not valid HTTP.',
];

export function frameworkProblem(
  errorCode: string | undefined,
  correlationId?: string,
): Record<string, unknown> {
  const [status, code, detail] = CODES[errorCode ?? ''] ?? MALFORMED;
  return {
    type: `/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: STATUS_CODES[status] ?? 'Bad request',
    status,
    detail,
    code,
    ...(correlationId ? { correlationId } : {}),
  };
}

/** Fastify's `frameworkErrors`: the router's own 400/414 answers, as problem+json. */
export function onFrameworkError(
  error: { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = frameworkProblem(error.code, String(request.id));
  void reply
    .status(problem.status as number)
    .header('x-correlation-id', String(request.id))
    .type('application/problem+json')
    .send(problem);
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (a 100 kB address is a 431, a NUL
 * in a header a 400) never reaches the router, so the answer is written to the socket here.
 */
export function onClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const problem = frameworkProblem(error.code);
  const body = JSON.stringify(problem);
  const status = problem.status as number;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
