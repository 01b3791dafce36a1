import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HandlerMetadata } from '../decorators/handler-metadata.js';
import { ifNoneMatchMatches, strongEtag } from './conditional.js';
import { PUBLIC_CACHE, type PublicCachePolicy } from './public-cache.decorator.js';

// Set by the guard (which sees the handler's decorators), read by the onSend hook (which sees the
// exact bytes sent): the request object is what both share.
const policies = new WeakMap<FastifyRequest, PublicCachePolicy>();

// Headers that say who is asking: a response to them must not be shared, and a shared response
// must not be handed to them in place of asking us (an employer's lookup is recorded).
const CREDENTIAL_HEADERS = ['Authorization', 'X-API-Key'];

// The Vary and Cache-Control of each policy, worked out once (a policy is its decorator's object).
const headersOfPolicy = new WeakMap<PublicCachePolicy, PolicyHeaders>();

interface PolicyHeaders {
  varyNames: string[];
  vary: string;
  cacheControl: string;
}

function headersOf(policy: PublicCachePolicy): PolicyHeaders {
  let headers = headersOfPolicy.get(policy);
  if (headers === undefined) {
    const varyNames = mergeVary([], [...(policy.vary ?? []), ...CREDENTIAL_HEADERS]);
    headers = {
      varyNames,
      vary: varyNames.join(', '),
      cacheControl: `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`,
    };
    headersOfPolicy.set(policy, headers);
  }
  return headers;
}

// A body whose strong ETag its handler already knows (kept with the body it made), so the bytes
// are not hashed again on every request; see tagBody.
const knownTags = new WeakMap<FastifyRequest, { body: string; etag: string }>();

/**
 * Hands the ETag of `body` to the cache hook, for a handler that keeps a body and its tag together
 * (JWKS, a status list). The tag is used only when `body` is the very string sent.
 */
export function tagBody(request: FastifyRequest, body: string, etag: string): void {
  knownTags.set(request, { body, etag });
}

/**
 * Notes the handler's cache policy on the request. A guard that always lets the request through,
 * rather than an interceptor: with no global interceptor, Nest serves a request without building
 * an rxjs pipeline for it. Global guards run first, so every handler that runs has its policy.
 */
@Injectable()
class PublicCachePolicyGuard implements CanActivate {
  private readonly policies: HandlerMetadata<PublicCachePolicy>;

  constructor(reflector: Reflector) {
    this.policies = HandlerMetadata.onHandler(reflector, PUBLIC_CACHE);
  }

  canActivate(context: ExecutionContext): boolean {
    const policy = this.policies.of(context);
    if (policy && context.getType() === 'http') {
      policies.set(context.switchToHttp().getRequest<FastifyRequest>(), policy);
    }
    return true;
  }
}

/** Conditional requests and Cache-Control for every response; see PublicCache. */
export function configureHttpCache(app: NestFastifyApplication): void {
  app.useGlobalGuards(new PublicCachePolicyGuard(app.get(Reflector)));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      const policy = policies.get(request);
      if (!policy) {
        // Static assets carry their own max-age; every other response is not to be stored.
        if (!reply.hasHeader('cache-control') && !request.url.startsWith('/assets/')) {
          void reply.header('cache-control', 'no-store');
        }
        return done(null, payload);
      }
      done(null, applyPolicy(request, reply, payload, policy));
    });
}

// The last body tagged and its tag: a body sent again unchanged (JWKS, a status list, served as
// the same stored string) is not hashed again. A string compares by identity first, so a miss on
// a new body of another length costs nothing; equal strings mean equal bytes, so equal tags.
let lastBody: string | undefined;
let lastTag = '';

function etagOf(payload: string | Buffer): string {
  if (typeof payload !== 'string') return strongEtag(payload);
  if (payload === lastBody) return lastTag;
  lastTag = strongEtag(payload);
  lastBody = payload;
  return lastTag;
}

function applyPolicy(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  policy: PublicCachePolicy,
): unknown {
  const headers = headersOf(policy);
  addVary(reply, headers);
  if (reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
    // Errors are not kept: a practitioner added a moment ago must not show as unknown.
    void reply.header('cache-control', 'no-store');
    return payload;
  }
  if (CREDENTIAL_HEADERS.some((name) => request.headers[name.toLowerCase()] !== undefined)) {
    void reply.header('cache-control', 'private, no-store');
    return payload;
  }
  const known = knownTags.get(request);
  const etag = known !== undefined && known.body === payload ? known.etag : etagOf(payload);
  void reply.header('etag', etag).header('cache-control', headers.cacheControl);
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

function addVary(reply: FastifyReply, headers: PolicyHeaders): void {
  const current = reply.getHeader('vary');
  if (current === undefined || current === '') {
    void reply.header('vary', headers.vary);
    return;
  }
  const existing = String(current)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  void reply.header('vary', mergeVary(existing, headers.varyNames).join(', '));
}

/** `existing` followed by each of `names` it does not already hold, compared without case. */
function mergeVary(existing: string[], names: string[]): string[] {
  const seen = new Set(existing.map((v) => v.toLowerCase()));
  const merged = [...existing];
  for (const name of names) {
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    merged.push(name);
  }
  return merged;
}
