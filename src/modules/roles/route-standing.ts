import {
  type CredentialRequirement,
  type Evaluation,
  type RegisterStatus,
  type Shortfall,
  type Standing,
  type StandingCredential,
  type StandingReason,
  type StandingRegistration,
  type StandingResult,
  type Unmet,
  evaluateCpd,
  evaluateCredential,
  evaluateRegistration,
  registerOverride,
} from './role-standing.js';
import { addDays, daysBetween, isoDateToDayNumber } from './iso-date.js';

/** The four ascending skill levels of the DDaT capability framework. */
export type CompetenceLevel = 'awareness' | 'working' | 'practitioner' | 'expert';
export const COMPETENCE_LEVELS: readonly CompetenceLevel[] = [
  'awareness',
  'working',
  'practitioner',
  'expert',
];

export interface CompetenceRequirement {
  competence: string;
  level: CompetenceLevel;
}

export type StandingRoute = 'qualification' | 'assessed-portfolio' | 'clinical-registration';

/** One version of a role's standard: what it asks for, from a date. */
export interface StandardVersion {
  version: number;
  /** YYYY-MM-DD: in force from this day until the next version's. */
  effectiveFrom: string;
  competences: CompetenceRequirement[];
  /** Qualifications that meet the qualification route whole, whatever their competence mapping. */
  qualifications: CredentialRequirement[];
  /** Clinical roles: what a shorter programme must evidence beside a current registration. */
  clinicalRoute: { competences: CompetenceRequirement[] } | null;
  /** Clinical roles: every route also needs a current professional registration. */
  professionalRegistration: boolean;
  cpdHoursPerYear: number;
  graceDays: number;
}

export interface RouteCredential extends StandingCredential {
  provenance: string;
  /** The competences the credential evidences (its programme's mapping, or the assessment's). */
  competences: readonly CompetenceRequirement[];
}

export interface RouteStandingInput {
  /** YYYY-MM-DD */
  on: string;
  registerStatus: RegisterStatus;
  clinical: boolean;
  /** Every version of the role's standard; at least one must be in force on `on`. */
  versions: readonly StandardVersion[];
  credentials: readonly RouteCredential[];
  registrations: StandingRegistration[];
  appointedOn: string | null;
  /** Plain names of competences, for the messages; codes are shown where a name is missing. */
  competenceNames: Readonly<Record<string, string>>;
}

export interface RouteOutcome {
  route: StandingRoute;
  met: boolean;
  /** What is missing on this route, in plain words; empty when met. */
  missing: string[];
}

export interface RouteStandingResult extends StandingResult {
  /** The version the standing was decided under: an earlier one when grandfathered. */
  standardVersion: number;
  /** The route that certifies, or null. */
  route: StandingRoute | null;
  /** Certified under an earlier version, kept until the credentials it rests on fall due. */
  grandfathered: boolean;
  /** Every route of the version in force, met or with what is missing. */
  routes: RouteOutcome[];
}

const ROUTE_NAMES: Record<StandingRoute, string> = {
  qualification: 'Qualification route',
  'assessed-portfolio': 'Experience route',
  'clinical-registration': 'Clinical route',
};

const SHORTFALL_RANK: Record<Shortfall, number> = { suspended: 0, expired: 1, cpd: 2, missing: 3 };

interface RouteEvaluation {
  route: StandingRoute;
  met: boolean;
  shortfall: Shortfall;
  reasons: StandingReason[];
  partsMet: number;
  partsTotal: number;
}

type Pool = readonly RouteCredential[];

const rank = (level: CompetenceLevel): number => COMPETENCE_LEVELS.indexOf(level);

function uncovered(required: readonly CompetenceRequirement[], pool: Pool) {
  return required.filter(
    (r) =>
      !pool.some((c) =>
        c.competences.some((h) => h.competence === r.competence && rank(h.level) >= rank(r.level)),
      ),
  );
}

function tiers(pool: Pool, on: string): { current: Pool; suspended: Pool; expired: Pool } {
  const awarded = pool.filter((c) => c.awardedOn <= on);
  const inDate = (c: RouteCredential): boolean => c.validUntil === null || c.validUntil >= on;
  return {
    current: awarded.filter((c) => c.status === 'active' && inDate(c)),
    suspended: awarded.filter(
      (c) => (c.status === 'active' || c.status === 'suspended') && inDate(c),
    ),
    expired: awarded.filter((c) => c.status !== 'revoked'),
  };
}

interface Coverage {
  met: boolean;
  shortfall: Shortfall;
  missing: CompetenceRequirement[];
}

function coverage(required: readonly CompetenceRequirement[], pool: Pool, on: string): Coverage {
  const t = tiers(pool, on);
  const missing = uncovered(required, t.current);
  if (missing.length === 0) return { met: true, shortfall: 'missing', missing };
  if (uncovered(required, t.suspended).length === 0) {
    return { met: false, shortfall: 'suspended', missing };
  }
  if (uncovered(required, t.expired).length === 0) {
    return { met: false, shortfall: 'expired', missing };
  }
  return { met: false, shortfall: 'missing', missing };
}

function listCompetences(
  list: readonly CompetenceRequirement[],
  names: Readonly<Record<string, string>>,
): string {
  return list.map((c) => `${names[c.competence] ?? c.competence} at ${c.level} level`).join(', ');
}

function worst(unmet: Unmet[]): Shortfall {
  if (unmet.some((u) => u.shortfall === 'suspended')) return 'suspended';
  return unmet.every((u) => u.shortfall === 'expired') ? 'expired' : 'missing';
}

function qualificationRoute(v: StandardVersion, input: RouteStandingInput, pool: Pool) {
  const own = pool.filter((c) => c.provenance !== 'assessed-portfolio');
  const prefix = `${ROUTE_NAMES.qualification}: `;
  const comp = coverage(v.competences, own, input.on);
  const compMet = v.competences.length - comp.missing.length;
  const compReason: StandingReason = {
    code: 'COMPETENCES_NOT_EVIDENCED',
    message: `${prefix}no recognised qualification yet evidences ${listCompetences(comp.missing, input.competenceNames)}`,
  };
  const legacy = v.qualifications.map((q) => evaluateCredential(q, [...own], input.on));
  const legacyUnmet = legacy.filter((e): e is Unmet => e !== null);
  if (v.qualifications.length === 0 || comp.met) {
    return evaluation(
      'qualification',
      comp.met,
      comp.shortfall,
      [compReason],
      compMet,
      v.competences.length,
    );
  }
  if (legacyUnmet.length === 0) {
    return evaluation('qualification', true, 'missing', [], legacy.length, legacy.length);
  }
  const legacyReasons = legacyUnmet.map((u) => ({
    code: u.reason.code,
    message: `${prefix}${u.reason.message}`,
  }));
  const shortfall = [worst(legacyUnmet), comp.shortfall].sort(
    (a, b) => SHORTFALL_RANK[a] - SHORTFALL_RANK[b],
  )[0];
  const legacyMet = legacy.length - legacyUnmet.length;
  const alternative = {
    ...compReason,
    message: `${compReason.message} (or else hold the qualifications above)`,
  };
  return legacyMet >= compMet
    ? evaluation(
        'qualification',
        false,
        shortfall,
        [...legacyReasons, alternative],
        legacyMet,
        legacy.length,
      )
    : evaluation(
        'qualification',
        false,
        shortfall,
        [alternative, ...legacyReasons],
        compMet,
        v.competences.length,
      );
}

function portfolioRoute(v: StandardVersion, input: RouteStandingInput, pool: Pool) {
  const portfolios = pool.filter((c) => c.provenance === 'assessed-portfolio');
  const comp = coverage(v.competences, portfolios, input.on);
  const prefix = `${ROUTE_NAMES['assessed-portfolio']}: `;
  const reason: StandingReason =
    portfolios.length === 0
      ? {
          code: 'PORTFOLIO_MISSING',
          message: `${prefix}no portfolio assessed by a recognised body is held`,
        }
      : {
          code: 'PORTFOLIO_INCOMPLETE',
          message: `${prefix}the assessed portfolio does not evidence ${listCompetences(comp.missing, input.competenceNames)}`,
        };
  return evaluation(
    'assessed-portfolio',
    comp.met,
    comp.shortfall,
    [reason],
    v.competences.length - comp.missing.length,
    v.competences.length,
  );
}

function clinicalRoute(
  required: readonly CompetenceRequirement[],
  input: RouteStandingInput,
  pool: Pool,
): RouteEvaluation {
  const prefix = `${ROUTE_NAMES['clinical-registration']}: `;
  const registration: Evaluation = evaluateRegistration(input.registrations);
  const comp = coverage(
    required,
    pool.filter((c) => c.provenance !== 'assessed-portfolio'),
    input.on,
  );
  const reasons: StandingReason[] = [];
  if (registration !== null) {
    reasons.push({
      code: registration.reason.code,
      message: `${prefix}${registration.reason.message}`,
    });
  }
  if (!comp.met) {
    reasons.push({
      code: 'SHORT_PROGRAMME_MISSING',
      message: `${prefix}no recognised programme yet evidences ${listCompetences(comp.missing, input.competenceNames)}`,
    });
  }
  const partsMet = (registration === null ? 1 : 0) + (comp.met ? 1 : 0);
  const shortfall = registration === null ? comp.shortfall : 'missing';
  return evaluation('clinical-registration', partsMet === 2, shortfall, reasons, partsMet, 2);
}

function evaluation(
  route: StandingRoute,
  met: boolean,
  shortfall: Shortfall,
  reasons: StandingReason[],
  partsMet: number,
  partsTotal: number,
): RouteEvaluation {
  return { route, met, shortfall, reasons: met ? [] : reasons, partsMet, partsTotal };
}

/** A clinical role's standard may ask every route for a current professional registration too. */
function withRegistration(e: RouteEvaluation, input: RouteStandingInput): RouteEvaluation {
  const registration = evaluateRegistration(input.registrations);
  if (registration === null)
    return { ...e, partsMet: e.partsMet + 1, partsTotal: e.partsTotal + 1 };
  const reason = {
    code: registration.reason.code,
    message: `${ROUTE_NAMES[e.route]}: ${registration.reason.message}`,
  };
  return {
    ...e,
    met: false,
    shortfall: 'missing',
    reasons: [...e.reasons, reason],
    partsTotal: e.partsTotal + 1,
  };
}

function evaluateRoutes(
  v: StandardVersion,
  input: RouteStandingInput,
  pool: Pool,
): RouteEvaluation[] {
  const both = [qualificationRoute(v, input, pool), portfolioRoute(v, input, pool)];
  const routes =
    input.clinical && v.professionalRegistration
      ? both.map((e) => withRegistration(e, input))
      : both;
  if (input.clinical && v.clinicalRoute !== null) {
    routes.push(clinicalRoute(v.clinicalRoute.competences, input, pool));
  }
  return routes;
}

/** The version in force on `on`: the one with the latest effective date not after it. */
export function versionInForce(
  versions: readonly StandardVersion[],
  on: string,
): StandardVersion | null {
  return (
    versions
      .filter((v) => v.effectiveFrom <= on)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null
  );
}

/**
 * Someone certified under an earlier version keeps that certification until the credentials it
 * rests on fall due: the routes of each earlier version are tried with only the credentials
 * awarded before the next version came into force, and those must still be current on `on`.
 */
function grandfathered(input: RouteStandingInput, inForce: StandardVersion) {
  const earlier = [...input.versions]
    .filter((v) => v.effectiveFrom < inForce.effectiveFrom)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  let until = inForce.effectiveFrom;
  for (const v of earlier) {
    const pool = input.credentials.filter((c) => c.awardedOn < until);
    const met = evaluateRoutes(v, input, pool).find((r) => r.met);
    if (met) return { version: v, route: met };
    until = v.effectiveFrom;
  }
  return null;
}

/**
 * Standing in a role defined by a versioned standard: any one route certifies. Pure, like
 * computeStanding, whose register-status, CPD and grace rules it keeps.
 */
export function computeRouteStanding(input: RouteStandingInput): RouteStandingResult {
  const { on } = input;
  isoDateToDayNumber(on);
  const inForce = versionInForce(input.versions, on);
  if (inForce === null) throw new RangeError(`No version of the standard is in force on ${on}`);
  const routes = evaluateRoutes(inForce, input, input.credentials);
  const outcomes: RouteOutcome[] = routes.map((r) => ({
    route: r.route,
    met: r.met,
    missing: r.reasons.map((x) => x.message),
  }));
  const metNow = routes.find((r) => r.met);
  const kept = metNow ? null : grandfathered(input, inForce);
  const certifying = metNow ?? kept?.route ?? null;
  const best =
    certifying ??
    [...routes].sort((a, b) => b.partsMet / b.partsTotal - a.partsMet / a.partsTotal)[0];
  const unmetReasons = routes.flatMap((r) => r.reasons);
  const result = (standing: Standing, reasons: StandingReason[]): RouteStandingResult => ({
    standing,
    reasons,
    requirementsMet: best.partsMet,
    requirementsTotal: best.partsTotal,
    standardVersion: kept?.version.version ?? inForce.version,
    route: certifying?.route ?? null,
    grandfathered: kept !== null,
    routes: outcomes,
  });

  const override = registerOverride(input.registerStatus);
  if (override) return result(override.standing, [override.reason, ...unmetReasons]);
  if (certifying) {
    const cpd =
      inForce.cpdHoursPerYear > 0
        ? evaluateCpd([...input.credentials], on, inForce.cpdHoursPerYear)
        : null;
    return cpd === null ? result('certified', []) : result('lapsed', [cpd.reason]);
  }
  const shortfalls = routes.map((r) => r.shortfall);
  if (shortfalls.includes('suspended')) return result('suspended', unmetReasons);
  if (shortfalls.includes('expired')) return result('lapsed', unmetReasons);
  const grace = graceReason(input, inForce.graceDays);
  if (grace && routes.some((r) => r.partsMet > 0)) {
    return result('provisional', [...unmetReasons, grace]);
  }
  return result('not-certified', unmetReasons);
}

function graceReason(input: RouteStandingInput, graceDays: number): StandingReason | null {
  const { appointedOn, on } = input;
  if (appointedOn === null) return null;
  const elapsed = daysBetween(appointedOn, on);
  if (elapsed < 0 || elapsed >= graceDays) return null;
  return {
    code: 'GRACE_PERIOD',
    message: `Provisional: no route is met yet; the grace period after appointment on ${appointedOn} runs until ${addDays(appointedOn, graceDays - 1)}`,
  };
}
