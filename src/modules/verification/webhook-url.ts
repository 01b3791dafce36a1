/** HTTPS only; plain http to the loopback host only when allowed (tests and local trials). */
export function webhookUrlProblem(value: string, allowLocalhost: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:')
    return loopback && !allowLocalhost ? 'must not point at this host' : null;
  if (url.protocol === 'http:' && loopback && allowLocalhost) return null;
  return 'must use https';
}
