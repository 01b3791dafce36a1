import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The W3C Trace Context `traceparent` for this request: the caller's trace id and flags when it
 * sent a valid header, otherwise a new trace; always a new span id for this service's part.
 */
export function traceparentFor(given: string | string[] | undefined): string {
  const match = typeof given === 'string' ? TRACEPARENT.exec(given.trim()) : null;
  const valid = match && !/^0+$/.test(match[1]) && !/^0+$/.test(match[2]);
  const traceId = valid ? match[1] : randomBytes(16).toString('hex');
  const flags = valid ? match[3] : '01';
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}`;
}
