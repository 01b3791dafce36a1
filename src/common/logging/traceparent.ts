import { randomFillSync } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

// Random bytes are drawn a few kilobytes at a time, as crypto.randomUUID does: one call into the
// CSPRNG per couple of hundred requests rather than two per request.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

function randomHex(bytes: number): string {
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return hex;
}

/**
 * The W3C Trace Context `traceparent` for this request: the caller's trace id and flags when it
 * sent a valid header, otherwise a new trace; always a new span id for this service's part.
 */
export function traceparentFor(given: string | string[] | undefined): string {
  const match = typeof given === 'string' ? TRACEPARENT.exec(given.trim()) : null;
  const valid = match && !/^0+$/.test(match[1]) && !/^0+$/.test(match[2]);
  const traceId = valid ? match[1] : randomHex(16);
  const flags = valid ? match[3] : '01';
  return `00-${traceId}-${randomHex(8)}-${flags}`;
}
