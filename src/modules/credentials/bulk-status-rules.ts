import { effectiveStatus, type CredentialStatus, transition } from './credential-status.js';

export type BulkStatusAction = 'revoke' | 'suspend' | 'reinstate';
export const BULK_STATUS_ACTIONS: readonly BulkStatusAction[] = ['revoke', 'suspend', 'reinstate'];

export const BULK_PAST: Record<BulkStatusAction, 'revoked' | 'suspended' | 'reinstated'> = {
  revoke: 'revoked',
  suspend: 'suspended',
  reinstate: 'reinstated',
};

export type RowDecision =
  | { kind: 'change'; from: CredentialStatus; to: CredentialStatus }
  | { kind: 'unchanged'; code: string; reason: string }
  | { kind: 'refused'; code: string; reason: string };

/**
 * What one row of a bulk status change does to a credential as it stands on `on`. A credential
 * already where the action would put it is "unchanged", not refused: a resent or overlapping file
 * is not an error.
 */
export function decideRow(
  stored: CredentialStatus,
  validUntil: string | null,
  action: BulkStatusAction,
  on: string,
): RowDecision {
  const current = effectiveStatus(stored, validUntil, on);
  const result = transition(current, action);
  if (result.ok) return { kind: 'change', from: current, to: result.next };
  const already =
    (action === 'revoke' && current === 'revoked') ||
    (action === 'suspend' && current === 'suspended') ||
    (action === 'reinstate' && current === 'active');
  return { kind: already ? 'unchanged' : 'refused', code: result.code, reason: result.reason };
}
