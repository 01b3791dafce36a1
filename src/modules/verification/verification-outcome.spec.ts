import {
  decideOutcome,
  type ClaimStatus,
  type CredentialStatusNow,
} from './verification-outcome.js';

const credential = (status: CredentialStatusNow, allMatch = true) => ({
  status,
  comparison: { allMatch },
});
const claim = (status: ClaimStatus) => ({ status });

describe(decideOutcome.name, () => {
  it('should verify an active credential whose fields all match', () => {
    expect(decideOutcome({ credential: credential('active'), claim: null })).toBe('verified');
  });

  it('should call an active credential with a differing field a partial match', () => {
    expect(decideOutcome({ credential: credential('active', false), claim: null })).toBe(
      'partial-match',
    );
  });

  it.each(['revoked', 'suspended', 'expired'] as const)(
    'should report a %s credential as such whether or not the fields match',
    (status) => {
      expect(decideOutcome({ credential: credential(status), claim: null })).toBe(status);
      expect(decideOutcome({ credential: credential(status, false), claim: null })).toBe(status);
    },
  );

  it('should let a credential outrank a claim', () => {
    expect(decideOutcome({ credential: credential('active'), claim: claim('rejected') })).toBe(
      'verified',
    );
    expect(decideOutcome({ credential: credential('revoked'), claim: claim('pending') })).toBe(
      'revoked',
    );
  });

  it('should say awaiting confirmation for a pending claim', () => {
    expect(decideOutcome({ credential: null, claim: claim('pending') })).toBe(
      'awaiting-confirmation',
    );
  });

  it('should say rejected by the awarding body for a rejected claim', () => {
    expect(decideOutcome({ credential: null, claim: claim('rejected') })).toBe(
      'rejected-by-awarding-body',
    );
  });

  it.each(['confirmed', 'withdrawn'] as const)(
    'should find no record for a %s claim alone',
    (status) => {
      expect(decideOutcome({ credential: null, claim: claim(status) })).toBe('no-record');
    },
  );

  it('should find no record when nothing matches', () => {
    expect(decideOutcome({ credential: null, claim: null })).toBe('no-record');
  });
});
