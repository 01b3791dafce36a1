// SQLSTATEs worth another try of the same batch: the connection went (class 08, the server shut
// the session down: 57P01-57P03) or the transaction lost a race (40001 serialization, 40P01 deadlock).
const TRANSIENT_STATES = /^(08...|57P0[123]|40001|40P01)$/;
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
// What node-postgres throws when the socket closes under a query; it carries no code.
const CONNECTION_LOST =
  /connection terminated|connection error|not queryable|terminating connection/i;

/** Whether a failed batch may succeed if run again: a lost connection or a lost race. */
export function isTransient(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; depth += 1) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (TRANSIENT_STATES.test(code) || TRANSIENT_NODE_CODES.has(code)))
      return true;
    if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
    // TypeORM wraps the driver's error.
    e =
      (e as { driverError?: unknown; cause?: unknown }).driverError ??
      (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1). */
export const retryDelay = (attempt: number): number => 200 * 4 ** (attempt - 1);

export const BATCH_ATTEMPTS = 3;
