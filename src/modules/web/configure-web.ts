import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { configureNunjucks } from './nunjucks-setup.js';
import { isPagePath, pageContentSecurityPolicy, SESSION_COOKIE } from './page-paths.js';
import { newNonce, setPageNonce } from './page-context.js';
import { findProjectRoot, webPaths } from './project-root.js';
import { refreshPageSession } from './session-refresh.js';
import { webScript } from './web-script.js';

const ALLOWED_ASSET =
  /^\/assets\/(images\/[\w.-]+|manifest\.json|nhsuk-frontend-[\d.]+\.min\.(css|js)|web\.css)$/;

/**
 * The server-rendered pages: templates, NHS.UK assets at /assets/, the page session cookie, CSRF
 * and a per-request CSP nonce. The API under /api keeps the strict CSP helmet sets for it.
 */
export async function configureWeb(app: NestFastifyApplication): Promise<void> {
  const root = findProjectRoot();
  const paths = webPaths(root);
  const nhsukVersion = readVersion(
    path.join(root, 'node_modules', 'nhsuk-frontend', 'package.json'),
  );

  const fastify = app.getHttpAdapter().getInstance();
  // Page forms post urlencoded bodies; the app's own parsers cover JSON, CSV and multipart.
  if (!fastify.hasContentTypeParser('application/x-www-form-urlencoded')) {
    await app.register(formbody, { bodyLimit: 64 * 1024 });
  }
  await app.register(cookie);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: 'auto' },
    // A multipart form's body is read by its handler, after the check: it sends the token in the query.
    getToken: (req: FastifyRequest) => formToken(req.body) ?? formToken(req.query),
  });
  await app.register(view, {
    engine: { nunjucks },
    templates: [paths.views, paths.nhsukDist],
    production: true,
    options: {
      autoescape: true,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (env: nunjucks.Environment) => configureNunjucks(env, { nhsukVersion }),
    },
  });
  await app.register(fastifyStatic, {
    root: [paths.nhsukAssets, path.join(paths.nhsukDist, 'nhsuk'), paths.publicAssets],
    prefix: '/assets/',
    index: false,
    list: false,
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (_path: string, _root: string | undefined, request: FastifyRequest) =>
      ALLOWED_ASSET.test(request.url.split('?')[0] ?? ''),
  });

  // The NHS stylesheet loads the licensed Frutiger fonts from assets.nhs.uk, which the CSP blocks
  // (a console error per font on every page): serve it without them, so text falls back to Arial.
  const stylesheet = withoutRemoteFonts(
    fs.readFileSync(
      path.join(paths.nhsukDist, 'nhsuk', `nhsuk-frontend-${nhsukVersion}.min.css`),
      'utf8',
    ),
  );
  fastify.get(`/assets/nhsuk-frontend-${nhsukVersion}.min.css`, (_request, reply) => {
    void reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(stylesheet);
  });

  const script = webScript(nhsukVersion);
  fastify.get('/assets/web.js', (_request, reply) => {
    void reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(script);
  });

  // A callback hook, not an async one: an API request leaves at once, without a promise and the
  // microtasks Fastify spends awaiting it.
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!isPagePath(request.url)) {
      done();
      return;
    }
    refreshPageSession(fastify, request, reply)
      .then(() => preparePage(request, reply))
      .then(
        () => done(),
        (error: unknown) => done(error as Error),
      );
  });
}

/** A page's CSP nonce, no caching, and its session cookie read as the API's bearer token. */
function preparePage(request: FastifyRequest, reply: FastifyReply): void {
  const nonce = newNonce();
  setPageNonce(request, nonce);
  void reply.header('content-security-policy', pageContentSecurityPolicy(nonce));
  void reply.header('cache-control', 'no-store');
  // The page session cookie holds the API's own token, so the one auth guard reads both;
  // only page routes accept it, and every page form carries a CSRF token.
  const token = request.cookies[SESSION_COOKIE];
  if (token && !request.headers.authorization) request.headers.authorization = `Bearer ${token}`;
}

/** The stylesheet without @font-face rules that fetch fonts from another host. */
export function withoutRemoteFonts(css: string): string {
  return css.replace(/@font-face\{[^}]*url\(https?:[^}]*\}/g, '');
}

function formToken(source: unknown): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)._csrf;
  return typeof value === 'string' ? value : undefined;
}

function readVersion(file: string): string {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown };
  if (typeof parsed.version !== 'string') throw new Error(`No version in ${file}`);
  return parsed.version;
}
