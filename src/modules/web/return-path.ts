/** Only a path on this site: never `//evil.example` or an absolute URL. */
export function safeReturnPath(next: string): string | null {
  return /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/sign-') ? next : null;
}
