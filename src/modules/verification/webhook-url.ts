import { isIP } from 'node:net';
import { isRefusedAddress } from './webhook-address.js';

/**
 * HTTPS only; plain http to the loopback host only when allowed (tests and local trials). An IP
 * literal must be public; names are resolved and checked at registration and at every delivery.
 */
export function webhookUrlProblem(value: string, allowLocalhost: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !loopback && isRefusedAddress(literal, false))
    return 'must not point at a private, loopback, link-local or metadata address';
  if (url.protocol === 'https:')
    return loopback && !allowLocalhost ? 'must not point at this host' : null;
  if (url.protocol === 'http:' && loopback && allowLocalhost) return null;
  return 'must use https';
}
