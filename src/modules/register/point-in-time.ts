import { effectiveStatus, type CredentialStatus } from '../credentials/credential-status.js';
import { isoDateToDayNumber } from '../roles/iso-date.js';
import type { RegisterStatus } from '../roles/role-standing.js';

/** The instant a date answers for: now for today, else the last moment of that (UTC) day. */
export interface AsOf {
  date: string;
  instant: Date;
  today: boolean;
}

export type AtParse = { ok: true; asOf: AsOf } | { ok: false; message: string };

export function parseAt(input: string | undefined, now: Date = new Date()): AtParse {
  const today = now.toISOString().slice(0, 10);
  if (input === undefined || input === '')
    return { ok: true, asOf: { date: today, instant: now, today: true } };
  try {
    isoDateToDayNumber(input);
  } catch {
    return { ok: false, message: 'must be a calendar date as YYYY-MM-DD' };
  }
  if (input > today) return { ok: false, message: 'must not be in the future' };
  if (input === today) return { ok: true, asOf: { date: today, instant: now, today: true } };
  return {
    ok: true,
    asOf: { date: input, instant: new Date(`${input}T23:59:59.999Z`), today: false },
  };
}

export interface StatusChangeLike<S> {
  toStatus: S;
  changedAt: Date;
}

/** The last change at or before `at`, from a list oldest first. */
export function lastChangeAsOf<S, C extends StatusChangeLike<S>>(
  changes: readonly C[],
  at: Date,
): C | null {
  let found: C | null = null;
  for (const change of changes) {
    if (change.changedAt.getTime() <= at.getTime()) found = change;
  }
  return found;
}

export interface CredentialChangeLike extends StatusChangeLike<CredentialStatus> {
  validUntil: string | null;
}

export interface CredentialNowLike {
  status: CredentialStatus;
  validUntil: string | null;
  createdAt: Date;
}

/**
 * A credential as it read at `asOf`: null when it was not on the register yet. The status comes
 * from its change history; validUntil from the last change that set one (issue or renewal).
 */
export function credentialAsOf(
  credential: CredentialNowLike,
  changes: readonly CredentialChangeLike[],
  asOf: AsOf,
): { status: CredentialStatus; validUntil: string | null } | null {
  if (credential.createdAt.getTime() > asOf.instant.getTime()) return null;
  const upTo = changes.filter((c) => c.changedAt.getTime() <= asOf.instant.getTime());
  if (asOf.today || changes.length === 0) {
    return {
      status: effectiveStatus(credential.status, credential.validUntil, asOf.date),
      validUntil: credential.validUntil,
    };
  }
  const last = upTo.at(-1);
  const status = last?.toStatus ?? 'active';
  const laterRenewal = changes.some(
    (c) => c.changedAt.getTime() > asOf.instant.getTime() && c.validUntil !== null,
  );
  const validUntil =
    upTo.filter((c) => c.validUntil !== null).at(-1)?.validUntil ??
    (laterRenewal ? null : credential.validUntil);
  return { status: effectiveStatus(status, validUntil, asOf.date), validUntil };
}

export interface RegisterChangeLike extends StatusChangeLike<RegisterStatus> {
  conditions: string | null;
}

/** Register status and conditions at `asOf`, or null when the person was not yet on the register. */
export function registerStatusAsOf<C extends RegisterChangeLike>(
  changes: readonly C[],
  asOf: AsOf,
): C | null {
  return lastChangeAsOf<RegisterStatus, C>(changes, asOf.instant);
}
