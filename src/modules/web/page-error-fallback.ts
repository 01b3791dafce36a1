import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageErrorResponder } from '../../common/filters/problem-details.filter.js';
import { PageErrorFilter } from './page-error.filter.js';
import { newNonce, pageNonce, setPageNonce } from './page-context.js';
import { isPagePath, pageContentSecurityPolicy } from './page-paths.js';

/**
 * Errors raised before a page controller runs (unknown paths, refused input, the router's own
 * errors) reach the global filter: a browser asking for a page gets the HTML error page there too.
 */
export function pageErrorFallback(): PageErrorResponder {
  const filter = new PageErrorFilter();
  return {
    handles: (request: FastifyRequest) =>
      isPagePath(request.url) && String(request.headers.accept ?? '').includes('text/html'),
    respond: async (exception: unknown, host: ArgumentsHost) => {
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      const reply = host.switchToHttp().getResponse<FastifyReply>();
      if (!pageNonce(request)) {
        const nonce = newNonce();
        setPageNonce(request, nonce);
        void reply.header('content-security-policy', pageContentSecurityPolicy(nonce));
        void reply.header('cache-control', 'no-store');
      }
      await filter.catch(exception, host);
    },
  };
}
