import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './page-paths.js';

/** Seconds until the token's expiry and its whole lifetime, read without checking it (the API does). */
function lifetime(token: string): { left: number; total: number } | null {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { exp?: unknown; iat?: unknown };
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return null;
    return { left: payload.exp - Date.now() / 1000, total: payload.exp - payload.iat };
  } catch {
    return null;
  }
}

/**
 * Sliding page session: once half of the token's life has passed, a page request swaps it for a
 * fresh one through the API's refresh, so someone filling a long form is not signed out by the
 * 15-minute token. The API caps it (a password is asked again 12 hours after signing in).
 */
export async function refreshPageSession(
  fastify: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const life = lifetime(token);
  if (!life || life.left <= 0 || life.left > life.total / 2) return;
  const response = await fastify.inject({
    method: 'POST',
    url: '/api/v1/auth/refresh',
    headers: { authorization: `Bearer ${token}`, 'x-correlation-id': String(request.id) },
    remoteAddress: request.ip,
  });
  if (response.statusCode !== 200) return;
  const body = JSON.parse(response.body) as { accessToken?: unknown; expiresIn?: unknown };
  if (typeof body.accessToken !== 'string') return;
  request.cookies[SESSION_COOKIE] = body.accessToken;
  void reply.setCookie(SESSION_COOKIE, body.accessToken, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    maxAge: typeof body.expiresIn === 'number' ? body.expiresIn : 900,
  });
}
