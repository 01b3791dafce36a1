export type CredentialStatus = 'active' | 'suspended' | 'revoked' | 'expired';
export type StatusAction = 'suspend' | 'reinstate' | 'revoke' | 'renew';

export const CREDENTIAL_STATUSES: readonly CredentialStatus[] = [
  'active',
  'suspended',
  'revoked',
  'expired',
];
export const STATUS_ACTIONS: readonly StatusAction[] = ['suspend', 'reinstate', 'revoke', 'renew'];

/** Stable codes, shaped like AppError codes so a service can throw a ConflictError with them. */
export type TransitionRefusalCode =
  | 'CREDENTIAL.ALREADY_REVOKED'
  | 'CREDENTIAL.REVOKED'
  | 'CREDENTIAL.ALREADY_SUSPENDED'
  | 'CREDENTIAL.NOT_SUSPENDED'
  | 'CREDENTIAL.EXPIRED'
  | 'CREDENTIAL.SUSPENDED';

export type TransitionResult =
  { ok: true; next: CredentialStatus } | { ok: false; reason: string; code: TransitionRefusalCode };

const PAST: Record<StatusAction, string> = {
  suspend: 'suspended',
  reinstate: 'reinstated',
  revoke: 'revoked',
  renew: 'renewed',
};

function refuse(code: TransitionRefusalCode, reason: string): TransitionResult {
  return { ok: false, code, reason };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

export function transition(current: CredentialStatus, action: StatusAction): TransitionResult {
  if (current === 'revoked') {
    // Revocation is final: a new credential must be issued instead.
    return action === 'revoke'
      ? refuse('CREDENTIAL.ALREADY_REVOKED', 'credential is already revoked')
      : refuse('CREDENTIAL.REVOKED', `credential is revoked and cannot be ${PAST[action]}`);
  }
  switch (action) {
    case 'suspend':
      switch (current) {
        case 'active':
          return { ok: true, next: 'suspended' };
        case 'suspended':
          return refuse('CREDENTIAL.ALREADY_SUSPENDED', 'credential is already suspended');
        case 'expired':
          return refuse(
            'CREDENTIAL.EXPIRED',
            'credential has expired and cannot be suspended; renew or revoke it instead',
          );
        default:
          return assertNever(current);
      }
    case 'reinstate':
      switch (current) {
        case 'suspended':
          return { ok: true, next: 'active' };
        case 'active':
          return refuse(
            'CREDENTIAL.NOT_SUSPENDED',
            'credential is not suspended; it is already active',
          );
        case 'expired':
          return refuse(
            'CREDENTIAL.NOT_SUSPENDED',
            'credential is not suspended, it has expired; renew it instead',
          );
        default:
          return assertNever(current);
      }
    case 'revoke':
      switch (current) {
        case 'active':
        case 'suspended':
        case 'expired':
          return { ok: true, next: 'revoked' };
        default:
          return assertNever(current);
      }
    case 'renew':
      switch (current) {
        case 'active':
        case 'expired':
          return { ok: true, next: 'active' };
        case 'suspended':
          return refuse(
            'CREDENTIAL.SUSPENDED',
            'credential is suspended and cannot be renewed; reinstate it first',
          );
        default:
          return assertNever(current);
      }
    default:
      return assertNever(action);
  }
}

/**
 * The status as it reads on `on` (YYYY-MM-DD): a stored `active` past its validUntil is expired.
 * ISO dates compare correctly as strings.
 */
export function effectiveStatus(
  stored: CredentialStatus,
  validUntil: string | null,
  on: string,
): CredentialStatus {
  if (stored === 'active' && validUntil !== null && validUntil < on) {
    return 'expired';
  }
  return stored;
}
