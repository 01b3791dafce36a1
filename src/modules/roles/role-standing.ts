import { addDays, daysBetween, isoDateToDayNumber } from './iso-date.js';

export type Standing = 'certified' | 'provisional' | 'lapsed' | 'suspended' | 'not-certified';
export type RegisterStatus =
  'registered' | 'registered-with-conditions' | 'suspended' | 'lapsed' | 'removed';
export type CredentialKind = 'degree' | 'certificate' | 'registration' | 'cpd';

export interface CredentialRequirement {
  kind: CredentialKind;
  /** RQF/FHEQ level 1-8: bachelor 6, master 7, doctorate 8. */
  minLevel?: number;
  description?: string;
}

export interface RoleRequirements {
  credentials: CredentialRequirement[];
  professionalRegistration: boolean;
  cpdHoursPerYear: number;
  graceDays: number;
}

export interface StandingRole {
  code: string;
  clinical: boolean;
  requirements: RoleRequirements;
}

export interface StandingCredential {
  id: string;
  kind: CredentialKind;
  level: number | null;
  /** As it stood on the date being computed. */
  status: 'active' | 'suspended' | 'revoked' | 'expired';
  awardedOn: string;
  validUntil: string | null;
  cpdHours: number | null;
}

export interface StandingRegistration {
  body: string;
  number: string;
  current: boolean;
}

export interface StandingInput {
  /** YYYY-MM-DD */
  on: string;
  registerStatus: RegisterStatus;
  role: StandingRole;
  credentials: StandingCredential[];
  registrations: StandingRegistration[];
  /** Start of the practitioner's appointment to this role, if any. */
  appointedOn: string | null;
}

export interface StandingReason {
  /** One of StandingReasonCode; typed as string to match the published contract. */
  code: string;
  message: string;
}

export interface StandingResult {
  standing: Standing;
  reasons: StandingReason[];
  requirementsMet: number;
  requirementsTotal: number;
}

export type StandingReasonCode =
  | 'REGISTER_SUSPENDED'
  | 'REGISTER_REMOVED'
  | 'REGISTER_LAPSED'
  | 'CREDENTIAL_MISSING'
  | 'CREDENTIAL_LEVEL_TOO_LOW'
  | 'CREDENTIAL_REVOKED'
  | 'CREDENTIAL_EXPIRED'
  | 'CREDENTIAL_SUSPENDED'
  | 'REGISTRATION_MISSING'
  | 'REGISTRATION_NOT_CURRENT'
  | 'CPD_SHORT'
  | 'GRACE_PERIOD';

/** Why a requirement is unmet, as far as the standing outcome cares. */
export type Shortfall = 'suspended' | 'expired' | 'cpd' | 'missing';

export interface Unmet {
  shortfall: Shortfall;
  reason: StandingReason;
}

/** `null` means the requirement is met. */
export type Evaluation = Unmet | null;

const LEVEL_NAMES = new Map<number, string>([
  [6, "bachelor's"],
  [7, "master's"],
  [8, 'doctorate'],
]);

const KIND_NAMES: Record<CredentialKind, string> = {
  degree: 'degree',
  certificate: 'professional certificate',
  registration: 'professional registration credential',
  cpd: 'CPD record',
};

function levelText(level: number): string {
  const name = LEVEL_NAMES.get(level);
  return name === undefined ? `level ${level}` : `level ${level} (${name})`;
}

function requirementLabel(req: CredentialRequirement): string {
  const label =
    req.description ??
    (req.minLevel === undefined
      ? KIND_NAMES[req.kind]
      : `${KIND_NAMES[req.kind]} at ${levelText(req.minLevel)} or above`);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function unmet(shortfall: Shortfall, code: StandingReasonCode, message: string): Unmet {
  return { shortfall, reason: { code, message } };
}

function formatHours(hours: number): string {
  // Avoid float noise such as 0.30000000000000004 from summing fractional hours.
  return String(Math.round(hours * 100) / 100);
}

export function evaluateCredential(
  req: CredentialRequirement,
  credentials: StandingCredential[],
  on: string,
): Evaluation {
  const label = requirementLabel(req);
  // Credentials awarded after `on` did not exist yet.
  const ofKind = credentials.filter((c) => c.kind === req.kind && c.awardedOn <= on);
  const inDate = (c: StandingCredential): boolean => c.validUntil === null || c.validUntil >= on;
  const levelOk = (c: StandingCredential): boolean =>
    req.minLevel === undefined || (c.level !== null && c.level >= req.minLevel);
  const matching = ofKind.filter(levelOk);

  if (matching.some((c) => c.status === 'active' && inDate(c))) {
    return null;
  }
  if (matching.some((c) => c.status === 'suspended' && inDate(c))) {
    return unmet(
      'suspended',
      'CREDENTIAL_SUSPENDED',
      `${label}: the matching credential is suspended`,
    );
  }
  // Whatever is left and not revoked is past its validUntil or marked expired.
  const expired = matching.filter((c) => c.status !== 'revoked');
  if (expired.length > 0) {
    const lastExpiry = expired
      .map((c) => c.validUntil)
      .filter((d): d is string => d !== null && d < on)
      .sort()
      .at(-1);
    const when = lastExpiry === undefined ? 'has expired' : `expired on ${lastExpiry}`;
    return unmet('expired', 'CREDENTIAL_EXPIRED', `${label}: the matching credential ${when}`);
  }
  if (matching.length > 0) {
    return unmet('missing', 'CREDENTIAL_REVOKED', `${label}: the matching credential was revoked`);
  }
  // Only reachable with a minLevel: something of the right kind is held, but too low.
  const levels = ofKind
    .filter((c) => c.status === 'active' && inDate(c))
    .map((c) => c.level)
    .filter((l): l is number => l !== null);
  if (levels.length > 0) {
    return unmet(
      'missing',
      'CREDENTIAL_LEVEL_TOO_LOW',
      `${label}: the highest held is ${levelText(Math.max(...levels))}`,
    );
  }
  return unmet('missing', 'CREDENTIAL_MISSING', `${label}: no matching credential held`);
}

export function evaluateRegistration(registrations: StandingRegistration[]): Evaluation {
  if (registrations.some((r) => r.current)) {
    return null;
  }
  if (registrations.length > 0) {
    const held = registrations.map((r) => `${r.body} ${r.number}`).join(', ');
    return unmet(
      'missing',
      'REGISTRATION_NOT_CURRENT',
      `A current professional registration is required for this clinical role; not current: ${held}`,
    );
  }
  return unmet(
    'missing',
    'REGISTRATION_MISSING',
    'A current professional registration (e.g. GMC, NMC, HCPC, GPhC) is required for this clinical role; none is recorded',
  );
}

export function evaluateCpd(
  credentials: StandingCredential[],
  on: string,
  required: number,
): Evaluation {
  // 365 days up to and including `on`.
  const windowStart = addDays(on, -364);
  const hours = credentials
    .filter(
      (c) =>
        c.kind === 'cpd' &&
        c.status === 'active' &&
        c.awardedOn >= windowStart &&
        c.awardedOn <= on,
    )
    .reduce((sum, c) => sum + (c.cpdHours ?? 0), 0);
  if (hours >= required) {
    return null;
  }
  return unmet(
    'cpd',
    'CPD_SHORT',
    `CPD: ${formatHours(hours)} of ${formatHours(required)} hours in the last 12 months`,
  );
}

export function registerOverride(
  status: RegisterStatus,
): { standing: Standing; reason: StandingReason } | null {
  switch (status) {
    case 'registered':
    case 'registered-with-conditions':
      return null;
    case 'suspended':
      return {
        standing: 'suspended',
        reason: {
          code: 'REGISTER_SUSPENDED',
          message: 'The practitioner is suspended from the register',
        },
      };
    case 'removed':
      return {
        standing: 'not-certified',
        reason: {
          code: 'REGISTER_REMOVED',
          message: 'The practitioner has been removed from the register',
        },
      };
    case 'lapsed':
      return {
        standing: 'lapsed',
        reason: { code: 'REGISTER_LAPSED', message: "The practitioner's registration has lapsed" },
      };
    default: {
      const unknown: never = status;
      throw new RangeError(`Unknown register status "${String(unknown)}"`);
    }
  }
}

/**
 * The practitioner's standing in one role on one date. Pure: the caller supplies credentials with
 * their status as it stood on `on`. A certified result carries no reasons; any other result has
 * one reason per unmet requirement (plus the register status or grace period where they decide).
 */
export function computeStanding(input: StandingInput): StandingResult {
  const { on, role, credentials, registrations } = input;
  isoDateToDayNumber(on); // validates `on` before any string comparison relies on it
  const { requirements } = role;

  const evaluations: Evaluation[] = requirements.credentials.map((req) =>
    evaluateCredential(req, credentials, on),
  );
  if (role.clinical && requirements.professionalRegistration) {
    evaluations.push(evaluateRegistration(registrations));
  }
  if (requirements.cpdHoursPerYear > 0) {
    evaluations.push(evaluateCpd(credentials, on, requirements.cpdHoursPerYear));
  }

  const unmetList = evaluations.filter((e): e is Unmet => e !== null);
  const requirementsTotal = evaluations.length;
  const requirementsMet = requirementsTotal - unmetList.length;
  const unmetReasons = unmetList.map((u) => u.reason);
  const result = (standing: Standing, reasons: StandingReason[]): StandingResult => ({
    standing,
    reasons,
    requirementsMet,
    requirementsTotal,
  });

  const override = registerOverride(input.registerStatus);
  if (override) {
    return result(override.standing, [override.reason, ...unmetReasons]);
  }
  if (unmetList.length === 0) {
    return result('certified', []);
  }
  if (unmetList.some((u) => u.shortfall === 'suspended')) {
    return result('suspended', unmetReasons);
  }
  if (unmetList.every((u) => u.shortfall === 'expired' || u.shortfall === 'cpd')) {
    return result('lapsed', unmetReasons);
  }
  const grace = graceReason(input, requirementsMet, requirementsTotal);
  if (requirementsMet > 0 && grace) {
    return result('provisional', [...unmetReasons, grace]);
  }
  return result('not-certified', unmetReasons);
}

/** The grace period runs for graceDays days, the appointment day being the first. */
function graceReason(input: StandingInput, met: number, total: number): StandingReason | null {
  const { appointedOn, on } = input;
  const { graceDays } = input.role.requirements;
  if (appointedOn === null) {
    return null;
  }
  const elapsed = daysBetween(appointedOn, on);
  if (elapsed < 0 || elapsed >= graceDays) {
    return null;
  }
  const lastDay = addDays(appointedOn, graceDays - 1);
  return {
    code: 'GRACE_PERIOD',
    message: `Provisional: ${met} of ${total} requirements met; the grace period after appointment on ${appointedOn} runs until ${lastDay}`,
  };
}
