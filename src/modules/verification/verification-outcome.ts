export const VERIFICATION_OUTCOMES = [
  'verified',
  'partial-match',
  'awaiting-confirmation',
  'rejected-by-awarding-body',
  'revoked',
  'suspended',
  'expired',
  'no-record',
] as const;

export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

/** A credential's status on the day of the check. */
export type CredentialStatusNow = 'active' | 'suspended' | 'revoked' | 'expired';

export type ClaimStatus = 'pending' | 'rejected' | 'confirmed' | 'withdrawn';

export interface OutcomeInput {
  /** The verified credential that best matches the claim asked about, if any. */
  credential: { status: CredentialStatusNow; comparison: { allMatch: boolean } } | null;
  /** The practitioner's own claim that best matches, if any. */
  claim: { status: ClaimStatus } | null;
}

/**
 * A matching credential decides the outcome whatever the claims say; a self-declared claim only
 * ever says what the awarding body has (not) done with it. A confirmed or withdrawn claim with no
 * credential behind it proves nothing, so it is no record.
 */
export function decideOutcome({ credential, claim }: OutcomeInput): VerificationOutcome {
  if (credential !== null) {
    switch (credential.status) {
      case 'revoked':
        return 'revoked';
      case 'suspended':
        return 'suspended';
      case 'expired':
        return 'expired';
      case 'active':
        return credential.comparison.allMatch ? 'verified' : 'partial-match';
    }
  }
  switch (claim?.status) {
    case 'pending':
      return 'awaiting-confirmation';
    case 'rejected':
      return 'rejected-by-awarding-body';
    case 'confirmed':
    case 'withdrawn':
    case undefined:
      return 'no-record';
  }
}
