import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

export interface PublicCachePolicy {
  /** Seconds a cache may serve the response without asking again. */
  maxAge: number;
  /** Seconds after that during which a cache may still serve it while it revalidates. */
  staleWhileRevalidate: number;
  /** Request headers the body depends on (e.g. Accept where the form is negotiated). */
  vary?: string[];
}

export const PUBLIC_CACHE = Symbol('PUBLIC_CACHE');

/**
 * Facts that a revocation changes (entries, search, status lists): max-age + stale-while-revalidate
 * bounds how long a cache can keep showing the old state, 2 minutes (docs/DEPLOYMENT.md).
 */
export const REVOCABLE = { maxAge: 60, staleWhileRevalidate: 60 } as const;

/** Key material (JWKS, did.json): changes only on rotation or retirement, bounded at 4 minutes. */
export const KEY_MATERIAL = { maxAge: 120, staleWhileRevalidate: 120 } as const;

/**
 * A public read that shared caches (a CDN) and browsers may keep: a 200 to a request without
 * credentials gets a strong ETag, `Cache-Control: public, max-age, stale-while-revalidate`, and a
 * 304 when If-None-Match names it. A request that carries credentials gets `private, no-store`
 * (it may be recorded, e.g. an employer's lookup), and errors get `no-store`. Everything else is
 * `no-store` unless its handler says otherwise (src/common/http-cache/http-cache.ts).
 */
export const PublicCache = (policy: PublicCachePolicy) =>
  applyDecorators(
    SetMetadata(PUBLIC_CACHE, policy),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'ETags of copies the client holds; a match answers 304 with no body',
    }),
    ApiResponse({
      status: 304,
      description: `Not modified. Cacheable: public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate} (private, no-store with Authorization or X-API-Key)`,
    }),
  );
