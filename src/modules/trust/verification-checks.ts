export type CheckName = 'format' | 'signature' | 'issuer' | 'dates' | 'revocation' | 'suspension';
export type CheckResult = 'pass' | 'fail' | 'skip';

export interface VerificationCheck {
  check: CheckName;
  result: CheckResult;
  detail: string;
}

export interface VerificationReport {
  verified: boolean;
  checks: VerificationCheck[];
}

export const CHECK_ORDER: readonly CheckName[] = [
  'format',
  'signature',
  'issuer',
  'dates',
  'revocation',
  'suspension',
];

/** Clocks of signer and database may disagree by this much at the edges of a key's window. */
export const KEY_WINDOW_SKEW_MS = 60_000;

export const pass = (check: CheckName, detail: string): VerificationCheck => ({
  check,
  result: 'pass',
  detail,
});
export const fail = (check: CheckName, detail: string): VerificationCheck => ({
  check,
  result: 'fail',
  detail,
});
export const skip = (check: CheckName, detail: string): VerificationCheck => ({
  check,
  result: 'skip',
  detail,
});

/** Verified only when the essentials passed and nothing failed. */
export function report(checks: VerificationCheck[]): VerificationReport {
  const ordered = CHECK_ORDER.map(
    (name) => checks.find((c) => c.check === name) ?? skip(name, 'not checked'),
  );
  const essential = ordered.filter((c) => ['format', 'signature', 'issuer'].includes(c.check));
  return {
    verified:
      essential.every((c) => c.result === 'pass') && ordered.every((c) => c.result !== 'fail'),
    checks: ordered,
  };
}

/** Was the signature made while the key was the owner's current key? */
export function keyWindowCheck(
  signedAt: Date | undefined,
  window: { kid: string; validFrom: Date; retiredAt: Date | null },
): VerificationCheck {
  if (!signedAt || Number.isNaN(signedAt.getTime())) {
    return fail('signature', 'The signature carries no signing time.');
  }
  const t = signedAt.getTime();
  if (t < window.validFrom.getTime() - KEY_WINDOW_SKEW_MS) {
    return fail('signature', `Signed before key ${window.kid} came into use.`);
  }
  if (window.retiredAt && t >= window.retiredAt.getTime() + KEY_WINDOW_SKEW_MS) {
    return fail('signature', `Signed after key ${window.kid} was retired.`);
  }
  return pass('signature', `Signed by key ${window.kid} at ${signedAt.toISOString()}.`);
}

/** validFrom / validUntil against now; both optional in VC 2.0. */
export function datesCheck(credential: Record<string, unknown>, now: Date): VerificationCheck {
  const from = parseDate(credential.validFrom);
  const until = parseDate(credential.validUntil);
  if (from === null || until === null)
    return fail('dates', 'validFrom or validUntil is not a date.');
  if (from && from.getTime() > now.getTime()) {
    return fail('dates', `Not valid until ${from.toISOString()}.`);
  }
  if (until && until.getTime() <= now.getTime()) {
    return fail('dates', `Expired on ${until.toISOString()}.`);
  }
  return pass(
    'dates',
    until ? `Valid until ${until.toISOString()}.` : 'Valid, with no expiry date.',
  );
}

/** undefined when absent, null when present but not a date-time. */
function parseDate(value: unknown): Date | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
