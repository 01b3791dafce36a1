import type { CredentialStatus } from './credential-status.js';

interface Change {
  credentialId: string;
  toStatus: CredentialStatus;
  changedAt: Date;
  validUntil?: string | null;
}

/** The stored status a credential had at a moment, or null when it was not yet on the register. */
export function statusAsOf(changes: readonly Change[], at: Date): CredentialStatus | null {
  let status: CredentialStatus | null = null;
  for (const change of changes) {
    if (change.changedAt.getTime() > at.getTime()) break;
    status = change.toStatus;
  }
  return status;
}

/** The valid-until date in force at a moment (renewals move it). */
export function validUntilAsOf(
  changes: readonly Change[],
  at: Date,
  fallback: string | null,
): string | null {
  let validUntil = fallback;
  let seen = false;
  for (const change of changes) {
    if (change.changedAt.getTime() > at.getTime()) break;
    if (change.validUntil !== undefined && change.validUntil !== null)
      validUntil = change.validUntil;
    seen = true;
  }
  return seen ? validUntil : fallback;
}

/** Groups changes by credential, keeping their order (callers pass them oldest first). */
export function groupByCredential<T extends { credentialId: string }>(
  changes: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const change of changes) {
    const list = groups.get(change.credentialId) ?? [];
    list.push(change);
    groups.set(change.credentialId, list);
  }
  return groups;
}
