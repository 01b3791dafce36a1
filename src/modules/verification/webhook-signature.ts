import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'X-Registry-Signature';
export const MAX_WEBHOOK_ATTEMPTS = 10;

const FIRST_RETRY_SECONDS = 10;
const BACKOFF_FACTOR = 3;
const MAX_RETRY_SECONDS = 6 * 60 * 60;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Header value `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError('timestamp must be whole unix seconds');
  }
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * True when one `v1` in the header is the body's signature and `t` is within the tolerance of
 * `now` (a Date or unix seconds); the window stops a captured delivery being replayed later.
 * Several `v1` entries are allowed so a secret can be rotated.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  now: Date | number,
  toleranceSeconds = 300,
): boolean {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (value === undefined || rest.length > 0) continue;
    if (key === 't' && /^\d{1,15}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return false;
  const nowSeconds = now instanceof Date ? Math.floor(now.getTime() / 1000) : now;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  // Every candidate is compared, so timing does not reveal which one (if any) matched.
  let valid = false;
  for (const signature of signatures) {
    if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) valid = true;
  }
  return valid;
}

/**
 * Seconds to wait after failed attempt `attempt` (1-based) before the next: 10s, 30s, 90s, …
 * tripling up to 6 hours.
 */
export function retryDelaySeconds(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError('attempt must be a whole number from 1');
  }
  const exponent = Math.min(attempt - 1, 20);
  return Math.min(FIRST_RETRY_SECONDS * BACKOFF_FACTOR ** exponent, MAX_RETRY_SECONDS);
}
