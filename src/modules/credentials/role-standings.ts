import {
  type CompetenceRequirement,
  type RouteStandingResult,
  type StandardVersion,
  computeRouteStanding,
  versionInForce,
} from '../roles/route-standing.js';
import {
  computeStanding,
  type CredentialKind,
  type RegisterStatus,
  type RoleRequirements,
  type StandingCredential,
  type StandingResult,
} from '../roles/role-standing.js';
import { groupByCredential, statusAsOf, validUntilAsOf } from './credential-history.js';
import type { CredentialStatus } from './credential-status.js';

export interface StandingRoleFacts {
  code: string;
  title: string;
  clinical: boolean;
  requirements: RoleRequirements;
  /** The role's standard, every version; a role without one keeps its flat requirements. */
  standards?: readonly StandardVersion[];
  competenceNames?: Readonly<Record<string, string>>;
}

/** What a practitioner's standings are computed from, whoever loaded it. */
export interface StandingFacts {
  history: readonly { toStatus: RegisterStatus; changedAt: Date }[];
  credentials: readonly {
    id: string;
    kind: CredentialKind;
    level: number | null;
    awardedOn: string;
    validUntil: string | null;
    cpdHours: number | null;
    provenance?: string;
    competences?: readonly CompetenceRequirement[];
  }[];
  /** Oldest first. */
  changes: readonly {
    credentialId: string;
    toStatus: CredentialStatus;
    changedAt: Date;
    validUntil: string | null;
  }[];
  registrations: readonly { body: string; number: string; current: boolean }[];
  appointments: readonly { roleCode: string; startDate: string; endDate: string | null }[];
}

export interface RoleStandingOf<R extends StandingRoleFacts> {
  role: R;
  appointed: boolean;
  /** With a standard in force: which route and version certify, and what each route lacks. */
  result: StandingResult & Partial<RouteStandingResult>;
}

/** The end of a calendar day (UTC): "as on 2024-03-01" includes everything recorded that day. */
export const endOfDay = (on: string) => new Date(`${on}T23:59:59.999Z`);

/** Standing in every role on `on`, as the register stood at the end of that day. Pure. */
export function roleStandings<R extends StandingRoleFacts>(
  facts: StandingFacts,
  roles: readonly R[],
  on: string,
): RoleStandingOf<R>[] {
  const at = endOfDay(on);
  const registerStatus: RegisterStatus =
    [...facts.history].reverse().find((h) => h.changedAt.getTime() <= at.getTime())?.toStatus ??
    'removed';
  const changes = groupByCredential(facts.changes);
  const asOf: (StandingCredential & {
    provenance: string;
    competences: readonly CompetenceRequirement[];
  })[] = facts.credentials.flatMap((c) => {
    const own = changes.get(c.id) ?? [];
    const status = statusAsOf(own, at);
    if (status === null) return [];
    return [
      {
        id: c.id,
        kind: c.kind,
        level: c.level,
        status,
        awardedOn: c.awardedOn,
        validUntil: validUntilAsOf(own, at, c.validUntil),
        cpdHours: c.cpdHours,
        provenance: c.provenance ?? 'issued',
        competences: c.competences ?? [],
      },
    ];
  });
  const registrations = facts.registrations.map((r) => ({
    body: r.body,
    number: r.number,
    current: r.current,
  }));
  return roles.map((role) => {
    const appointment = facts.appointments
      .filter(
        (a) =>
          a.roleCode === role.code && a.startDate <= on && (a.endDate === null || a.endDate >= on),
      )
      .sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
    const appointedOn = appointment?.startDate ?? null;
    const standards = role.standards ?? [];
    if (versionInForce(standards, on) !== null) {
      const result = computeRouteStanding({
        on,
        registerStatus,
        clinical: role.clinical,
        versions: standards,
        credentials: asOf,
        registrations,
        appointedOn,
        competenceNames: role.competenceNames ?? {},
      });
      return { role, appointed: appointment !== undefined, result };
    }
    const result = computeStanding({
      on,
      registerStatus,
      role: { code: role.code, clinical: role.clinical, requirements: role.requirements },
      credentials: asOf,
      registrations,
      appointedOn,
    });
    return { role, appointed: appointment !== undefined, result };
  });
}
