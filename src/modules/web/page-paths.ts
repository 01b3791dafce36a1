export const SESSION_COOKIE = 'dlr_session';

const NOT_PAGES = ['/api/', '/api?', '/health', '/.well-known/', '/assets/'];

/** Everything outside the API, health checks, well-known files and static assets is a page. */
export function isPagePath(url: string): boolean {
  // The API's own documentation is a page, in the design system like the rest.
  if (url === '/api/docs' || url.startsWith('/api/docs?')) return true;
  return url !== '/api' && !NOT_PAGES.some((prefix) => url.startsWith(prefix));
}

/** The one inline script (the NHS.UK template's js-enabled flag) runs by nonce; nothing else inline. */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}
