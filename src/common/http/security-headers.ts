import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()';

/**
 * The headers helmet sets for these options, worked out once. They depend on the options alone,
 * while `@fastify/helmet` builds every middleware and parses the CSP again on each request, a
 * visible share of a cheap public read's time.
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  // Helmet 8 throws a bad option at once rather than passing it on: nothing to handle here.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  // Helmet has no Permissions-Policy: nothing here uses the camera, microphone, location or payment.
  headers['permissions-policy'] = PERMISSIONS_POLICY;
  return headers;
}

/** Sets the security headers on every reply; a route may still replace one (pages set their CSP). */
export function registerSecurityHeaders(
  fastify: FastifyInstance,
  options: Readonly<HelmetOptions>,
): void {
  const headers = securityHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
