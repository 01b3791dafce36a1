import { roleStandings } from '../credentials/role-standings.js';
import { addDays } from '../roles/iso-date.js';
import {
  PROVENANCE_LABELS,
  type PendingClaimDto,
  type PublicCredentialDto,
  type PublicRoleStandingDto,
  type RegisterEntryDto,
} from './dto/register-entry.dto.js';
import type { EntryClaimFacts, EntryFacts, EntryRole } from './entry-facts.js';
import { nameAsOf } from './name-history.js';
import { type AsOf, credentialAsOf, registerStatusAsOf } from './point-in-time.js';

/**
 * The public entry as it stood at `asOf`, or null when the person was not on the register yet.
 * Pure, so the stored read model and an entry computed from the histories cannot disagree.
 * `full` is the record a share code opens: what the visibility settings hide is included.
 */
export function buildPublicEntry(
  facts: EntryFacts,
  roles: readonly EntryRole[],
  asOf: AsOf,
  full = false,
): RegisterEntryDto | null {
  const current = registerStatusAsOf(facts.history, asOf);
  if (current === null) return null;
  const visibility = facts.visibility;
  const now = {
    givenName: facts.givenName,
    familyName: facts.familyName,
    formerNames: facts.formerNames,
  };
  const name = asOf.today ? now : nameAsOf(now, facts.names, asOf.instant);
  const showAppointments = full || visibility.appointments;
  const standings = roleStandings(facts, roles, asOf.date);
  const rolesShown: PublicRoleStandingDto[] = standings
    .filter((s) => (showAppointments && s.appointed) || s.result.standing !== 'not-certified')
    .map((s) => ({
      role: s.role.code,
      title: s.role.title,
      standing: s.result.standing,
      appointed: showAppointments && s.appointed,
      appointedOn: showAppointments ? appointedOn(facts, s.role.code, asOf.date) : null,
      asOf: asOf.date,
      reasons: s.result.reasons.map((r) => r.message),
      standardVersion: s.result.standardVersion ?? null,
      route: s.result.route ?? null,
      grandfathered: s.result.grandfathered ?? false,
      routes: s.result.routes ?? [],
    }));
  return {
    registerNumber: facts.registerNumber,
    givenName: name.givenName,
    familyName: name.familyName,
    formerNames: full || visibility.formerNames ? name.formerNames : [],
    asOf: asOf.date,
    registerStatus: current.toStatus,
    conditions: current.conditions,
    statusHistory: facts.history
      .filter((h) => h.changedAt.getTime() <= asOf.instant.getTime())
      .map((h) => ({
        status: h.toStatus,
        conditions: h.conditions,
        from: h.changedAt.toISOString(),
      })),
    roles: rolesShown,
    credentials: facts.credentials.flatMap((c) => {
      const own = facts.changes.filter((change) => change.credentialId === c.id);
      const then = credentialAsOf(c, own, asOf);
      return then === null ? [] : [publicCredential(c, then.status, then.validUntil)];
    }),
    pendingClaims: facts.claims.filter((c) => pendingAt(c, asOf)).map(toPendingClaim),
    professionalRegistrations:
      full || visibility.professionalRegistrations
        ? facts.registrations.map((r) => ({
            body: r.body,
            number: r.number,
            current: r.current,
            checkedWithRegister: false as const,
          }))
        : [],
  };
}

/**
 * The first moment after `today` at which today's entry would read differently with no write at
 * all: a credential passing its valid-until date or its award date, a CPD record leaving the
 * twelve-month window, an appointment starting or ending, a grace period running out. Null when
 * nothing dated lies ahead. Every date that could matter is included, so it may come early (a
 * needless rebuild) but never late.
 */
export function staleAfter(
  facts: EntryFacts,
  roles: readonly EntryRole[],
  today: string,
): Date | null {
  const days: string[] = [];
  for (const c of facts.credentials) {
    days.push(c.awardedOn);
    if (c.validUntil !== null) days.push(addDays(c.validUntil, 1));
    if (c.kind === 'cpd') days.push(addDays(c.awardedOn, 365));
  }
  for (const change of facts.changes) {
    if (change.validUntil !== null) days.push(addDays(change.validUntil, 1));
  }
  const graceDays = new Set(roles.map((r) => r.requirements.graceDays));
  for (const role of roles) {
    // A new version of a standard coming into force changes standing with no write at all.
    for (const v of role.standards ?? []) {
      days.push(v.effectiveFrom);
      graceDays.add(v.graceDays);
    }
  }
  for (const a of facts.appointments) {
    days.push(a.startDate);
    if (a.endDate !== null) days.push(addDays(a.endDate, 1));
    for (const g of graceDays) days.push(addDays(a.startDate, g));
  }
  const next = days.filter((d) => d > today).sort()[0];
  return next === undefined ? null : new Date(`${next}T00:00:00.000Z`);
}

function appointedOn(facts: EntryFacts, role: string, on: string): string | null {
  const held = facts.appointments.find(
    (a) => a.roleCode === role && a.startDate <= on && (a.endDate === null || a.endDate >= on),
  );
  return held?.startDate ?? null;
}

/** A claim counts as pending on a date if it was declared by then and not yet decided. */
function pendingAt(claim: EntryClaimFacts, asOf: AsOf): boolean {
  if (claim.createdAt.getTime() > asOf.instant.getTime()) return false;
  if (claim.status === 'pending') return true;
  return (
    claim.decidedAt !== null &&
    claim.decidedAt.getTime() > asOf.instant.getTime() &&
    claim.status !== 'withdrawn'
  );
}

export function publicCredential(
  c: Omit<EntryFacts['credentials'][number], 'status' | 'validUntil'>,
  status: PublicCredentialDto['status'],
  validUntil: string | null,
): PublicCredentialDto {
  return {
    kind: c.kind,
    title: c.title,
    subject: c.subject,
    level: c.level,
    result: c.result,
    awardingBody: c.awardingBody,
    awardedOn: c.awardedOn,
    validUntil,
    status,
    provenance: c.provenance,
    provenanceLabel: PROVENANCE_LABELS[c.provenance],
  };
}

function toPendingClaim(c: EntryClaimFacts): PendingClaimDto {
  return {
    kind: c.kind,
    title: c.title,
    awardingBody: c.awardingBody,
    awardingBodyRecognised: c.awardingBodyRecognised,
    awardedOn: c.awardedOn,
    status: 'awaiting-confirmation',
    provenance: 'self-declared',
    note: 'Declared by the practitioner; awaiting confirmation by the awarding body.',
  };
}
