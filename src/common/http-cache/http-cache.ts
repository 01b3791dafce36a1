import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ifNoneMatchMatches, strongEtag } from './conditional.js';
import { PUBLIC_CACHE, type PublicCachePolicy } from './public-cache.decorator.js';

// Set by the interceptor (which sees the handler's decorators), read by the onSend hook (which
// sees the exact bytes sent): the request object is what both share.
const policies = new WeakMap<FastifyRequest, PublicCachePolicy>();

// Headers that say who is asking: a response to them must not be shared, and a shared response
// must not be handed to them in place of asking us (an employer's lookup is recorded).
const CREDENTIAL_HEADERS = ['Authorization', 'X-API-Key'];

@Injectable()
class PublicCacheInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.get<PublicCachePolicy | undefined>(
      PUBLIC_CACHE,
      context.getHandler(),
    );
    if (policy && context.getType() === 'http') {
      policies.set(context.switchToHttp().getRequest<FastifyRequest>(), policy);
    }
    return next.handle();
  }
}

/** Conditional requests and Cache-Control for every response; see PublicCache. */
export function configureHttpCache(app: NestFastifyApplication): void {
  app.useGlobalInterceptors(new PublicCacheInterceptor(app.get(Reflector)));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      const policy = policies.get(request);
      if (!policy) {
        // Static assets carry their own max-age; every other response is not to be stored.
        if (!reply.hasHeader('cache-control') && !request.url.startsWith('/assets/')) {
          void reply.header('cache-control', 'no-store');
        }
        return payload;
      }
      return applyPolicy(request, reply, payload, policy);
    });
}

function applyPolicy(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  policy: PublicCachePolicy,
): unknown {
  addVary(reply, [...(policy.vary ?? []), ...CREDENTIAL_HEADERS]);
  if (reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
    // Errors are not kept: a practitioner added a moment ago must not show as unknown.
    void reply.header('cache-control', 'no-store');
    return payload;
  }
  if (CREDENTIAL_HEADERS.some((name) => request.headers[name.toLowerCase()] !== undefined)) {
    void reply.header('cache-control', 'private, no-store');
    return payload;
  }
  const etag = strongEtag(payload);
  void reply
    .header('etag', etag)
    .header(
      'cache-control',
      `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`,
    );
  const method = request.method;
  if ((method === 'GET' || method === 'HEAD') && ifNoneMatchMatches(ifNoneMatch(request), etag)) {
    // A 304 carries the validators and caching headers a 200 would have, but no body.
    void reply.code(304).removeHeader('content-type').removeHeader('content-length');
    return null;
  }
  return payload;
}

function ifNoneMatch(request: FastifyRequest): string | undefined {
  const value = request.headers['if-none-match'];
  return Array.isArray(value) ? value.join(', ') : value;
}

function addVary(reply: FastifyReply, names: string[]): void {
  const existing = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const seen = new Set(existing.map((v) => v.toLowerCase()));
  const merged = [...existing, ...names.filter((n) => !seen.has(n.toLowerCase()))];
  void reply.header('vary', merged.join(', '));
}
