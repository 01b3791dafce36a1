/** After this many failed attempts a mail is marked failed and left for an operator. */
export const MAX_MAIL_ATTEMPTS = 8;

/** Seconds to wait after failed attempt `attempts` (1-based): doubling from the base, capped at 6 h. */
export function mailRetryDelaySeconds(attempts: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}
