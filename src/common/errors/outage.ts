import { AppError } from './app-error.js';

/** Seconds a client should wait before retrying after an outage answer. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENOENT', // the embedded database's unix socket, gone
]);

// SQLSTATEs that say the server, not the statement, is the problem: connection exceptions (08),
// shutdown and start-up (57P01-57P03), too many connections (53300).
const SERVER_STATES = /^(08...|57P0[1-3]|53300)$/;

const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Connection is closed|connection error|Driver not Connected|max retries per request|Stream isn't writeable|Command timed out/i;

function codeOf(error: object): unknown {
  return (error as { code?: unknown }).code;
}

/**
 * Whether an error means a backing service (PostgreSQL, Redis) is unreachable, so the request may
 * succeed later: such errors are 503 with Retry-After, never 401 or 500. Looks through TypeORM's
 * `driverError` and `cause` chains.
 */
export function isOutage(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof AppError) return current.status === 503;
    const code = codeOf(current);
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_STATES.test(code)))
      return true;
    if ((current as { name?: unknown }).name === 'MaxRetriesPerRequestError') return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    current =
      (current as { driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

export class ServiceUnavailableError extends AppError {
  constructor(detail = 'A service the registry depends on is unavailable; retry shortly.') {
    super('SERVER.UNAVAILABLE', 503, 'Service unavailable', detail, undefined, {
      'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS),
    });
  }
}
