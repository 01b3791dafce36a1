import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';

export class MethodNotAllowedError extends AppError {
  constructor(allowed: string[]) {
    super(
      'ROUTE.METHOD_NOT_ALLOWED',
      405,
      'Method not allowed',
      `This address answers ${allowed.join(', ')} only.`,
      undefined,
      { allow: allowed.join(', ') },
    );
  }
}

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A route's URL pattern (`/a/:id/b`, `/tile/*`) as a regular expression over request paths. */
function compile(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((piece) => (piece === '*' ? '.*' : piece.startsWith(':') ? '[^/]+' : escape(piece)))
    .join('');
  return new RegExp(`^${source}/?$`);
}

/**
 * Every route's methods by path pattern, learnt as routes are added, so that the router's 404 for
 * a known path with an unsupported method can be told apart and answered 405 with `Allow`.
 */
export class RouteTable {
  private readonly routes: Array<{ methods: string[]; pattern: RegExp }> = [];

  register(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      const methods = ([] as string[]).concat(route.method);
      this.routes.push({ methods, pattern: compile(route.url ?? route.path ?? '') });
    });
  }

  /** The methods a path answers, when it is a known path; empty for an unknown one. */
  allowedMethods(url: string): string[] {
    const path = url.split('?')[0] ?? '';
    const allowed = new Set<string>();
    for (const route of this.routes)
      if (route.pattern.test(path)) route.methods.forEach((m) => allowed.add(m));
    return [...allowed].sort();
  }
}
