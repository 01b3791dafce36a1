import { Injectable } from '@nestjs/common';
import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';
import { prepared } from '../../database/prepared.js';
import type { EntryFacts, EntryRole } from './entry-facts.js';

/** A DataSource or a transaction's manager: whoever must see the rows (a writer sees its own). */
export type SqlRunner = Pick<EntityManager, 'query'>;

/** A plain `pg` client as a SqlRunner, for scripts that run without the app. */
export const pgRunner = (client: Pick<ClientBase, 'query'>): SqlRunner => ({
  query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T,
});

// Instants leave the database as epoch milliseconds, cut as the pg driver cuts them, so an entry
// built here and one built from TypeORM entities print the same times.
const MS = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::bigint`;

/**
 * The facts of public entries, read straight from the tables the other modules own: one
 * statement for any number of practitioners, each part an index lookup by practitioner.
 */
const FACTS_SQL = `
SELECT p.id, p.register_number, p.given_name, p.family_name, p.former_names, p.visibility,
  COALESCE((SELECT json_agg(json_build_object('toStatus', h.to_status, 'conditions', h.conditions,
      'changedAt', ${MS('h.changed_at')}) ORDER BY h.changed_at, h.id)
    FROM practitioner_status_changes h WHERE h.practitioner_id = p.id), '[]') AS history,
  COALESCE((SELECT json_agg(json_build_object('givenName', n.given_name, 'familyName', n.family_name,
      'validFrom', ${MS('n.valid_from')}, 'validTo', ${MS('n.valid_to')}) ORDER BY n.valid_from, n.id)
    FROM practitioner_names n WHERE n.practitioner_id = p.id), '[]') AS names,
  COALESCE((SELECT json_agg(json_build_object('body', r.body, 'number', r.number, 'current', r.current))
    FROM professional_registrations r WHERE r.practitioner_id = p.id), '[]') AS registrations,
  COALESCE((SELECT json_agg(json_build_object('roleCode', a.role_code, 'startDate', a.start_date,
      'endDate', a.end_date))
    FROM role_appointments a WHERE a.practitioner_id = p.id), '[]') AS appointments,
  COALESCE((SELECT json_agg(json_build_object('id', c.id, 'kind', c.kind, 'title', c.title,
      'subject', c.subject, 'level', c.level, 'result', c.result, 'awardingBody', c.awarding_body,
      'awardedOn', c.awarded_on, 'validUntil', c.valid_until, 'status', c.status,
      'provenance', c.provenance, 'cpdHours', c.cpd_hours, 'createdAt', ${MS('c.created_at')},
      'competences', c.competences)
      ORDER BY c.awarded_on DESC, c.created_at, c.id)
    FROM credentials c WHERE c.practitioner_id = p.id), '[]') AS credentials,
  COALESCE((SELECT json_agg(json_build_object('credentialId', sc.credential_id,
      'toStatus', sc.to_status, 'validUntil', sc.valid_until, 'changedAt', ${MS('sc.changed_at')})
      ORDER BY sc.changed_at, sc.id)
    FROM credentials c JOIN credential_status_changes sc ON sc.credential_id = c.id
    WHERE c.practitioner_id = p.id), '[]') AS changes,
  COALESCE((SELECT json_agg(json_build_object('kind', cl.kind, 'title', cl.title,
      'awardingBody', cl.awarding_body, 'awardingBodyRecognised', cl.awarding_body_recognised,
      'awardedOn', cl.awarded_on, 'status', cl.status, 'createdAt', ${MS('cl.created_at')},
      'decidedAt', ${MS('cl.decided_at')}) ORDER BY cl.created_at, cl.id)
    FROM claims cl WHERE cl.practitioner_id = p.id), '[]') AS claims
FROM practitioners p`;

interface FactsRow {
  id: string;
  register_number: string;
  given_name: string;
  family_name: string;
  former_names: string[];
  visibility: EntryFacts['visibility'];
  history: { toStatus: string; conditions: string | null; changedAt: number }[];
  names: { givenName: string; familyName: string; validFrom: number; validTo: number | null }[];
  registrations: EntryFacts['registrations'];
  appointments: EntryFacts['appointments'];
  credentials: (Omit<EntryFacts['credentials'][number], 'createdAt' | 'cpdHours'> & {
    createdAt: number;
    cpdHours: number | string | null;
  })[];
  changes: (Omit<EntryFacts['changes'][number], 'changedAt'> & { changedAt: number })[];
  claims: (Omit<EntryFacts['claims'][number], 'createdAt' | 'decidedAt'> & {
    createdAt: number;
    decidedAt: number | null;
  })[];
}

/**
 * The roles' version as text: the newest change to a role or to a role's standard. Stored with each
 * entry and compared on every read, so every place must use this one expression. Kept in a one-row
 * table by statement triggers on `roles` and `role_standards` (migration KeepRolesVersion), so a
 * read looks it up instead of working it out.
 */
export const ROLES_VERSION_SQL = `(SELECT version FROM register_roles_version)`;

export interface RolesSnapshot {
  roles: EntryRole[];
  /** The newest change to any role, as text so it round-trips exactly: the roles version. */
  version: string | null;
}

@Injectable()
export class RegisterFactsRepository {
  // The roles as last read, by version: a past entry reads the version with its facts and the
  // roles only when they changed, so it is one statement, not two.
  private kept: RolesSnapshot | undefined;

  async byIds(runner: SqlRunner, ids: readonly string[]): Promise<EntryFacts[]> {
    if (ids.length === 0) return [];
    const rows = await runner.query<FactsRow[]>(`${FACTS_SQL} WHERE p.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toFacts);
  }

  /** One practitioner's facts, with the roles' current version (null facts when unknown). */
  async byRegisterNumberWithRoles(
    runner: SqlRunner,
    registerNumber: string,
  ): Promise<{ facts: EntryFacts | null; roles: RolesSnapshot }> {
    const rows = await runner.query<(FactsRow & { roles_version: string | null })[]>(
      prepared(
        'register-facts-by-number',
        `SELECT v.roles_version, f.*
           FROM (SELECT ${ROLES_VERSION_SQL} AS roles_version) v
           LEFT JOIN (${FACTS_SQL} WHERE p.register_number = $1) f ON true`,
      ),
      [registerNumber],
    );
    const row = rows[0];
    const version = row?.roles_version ?? null;
    const kept = this.kept;
    const roles =
      kept && kept.version !== null && kept.version === version ? kept : await this.roles(runner);
    return { facts: row && row.id !== null ? toFacts(row) : null, roles };
  }

  async roles(runner: SqlRunner): Promise<RolesSnapshot> {
    const rows = await runner.query<
      (EntryRole & { version: string | null; code: string | null; names: Record<string, string> })[]
    >(
      `SELECT r.code, r.title, r.clinical, r.requirements, v.version, n.names,
              COALESCE((SELECT json_agg(json_build_object('version', s.version,
                  'effectiveFrom', to_char(s.effective_from, 'YYYY-MM-DD'), 'competences', s.competences,
                  'qualifications', s.qualifications, 'clinicalRoute', s.clinical_route,
                  'professionalRegistration', s.professional_registration,
                  'cpdHoursPerYear', s.cpd_hours_per_year, 'graceDays', s.grace_days)
                  ORDER BY s.version)
                FROM role_standards s WHERE s.role_code = r.code), '[]') AS standards
         FROM (SELECT ${ROLES_VERSION_SQL} AS version) v
         CROSS JOIN (SELECT COALESCE(json_object_agg(code, name), '{}') AS names FROM competences) n
         LEFT JOIN roles r ON true ORDER BY r.code`,
    );
    const snapshot = {
      roles: rows
        .filter((r) => r.code !== null)
        .map((r) => ({
          code: r.code,
          title: r.title,
          clinical: r.clinical,
          requirements: r.requirements,
          standards: r.standards ?? [],
          competenceNames: r.names,
        })),
      version: rows[0]?.version ?? null,
    };
    this.kept = snapshot;
    return snapshot;
  }
}

function toFacts(r: FactsRow): EntryFacts {
  return {
    id: r.id,
    registerNumber: r.register_number,
    givenName: r.given_name,
    familyName: r.family_name,
    formerNames: r.former_names,
    visibility: r.visibility,
    history: r.history.map((h) => ({
      toStatus: h.toStatus as EntryFacts['history'][number]['toStatus'],
      conditions: h.conditions,
      changedAt: new Date(Number(h.changedAt)),
    })),
    names: r.names.map((n) => ({
      givenName: n.givenName,
      familyName: n.familyName,
      validFrom: new Date(Number(n.validFrom)),
      validTo: n.validTo === null ? null : new Date(Number(n.validTo)),
    })),
    registrations: r.registrations,
    appointments: r.appointments,
    credentials: r.credentials.map((c) => ({
      ...c,
      cpdHours: c.cpdHours === null ? null : Number(c.cpdHours),
      createdAt: new Date(Number(c.createdAt)),
    })),
    changes: r.changes.map((c) => ({ ...c, changedAt: new Date(Number(c.changedAt)) })),
    claims: r.claims.map((c) => ({
      ...c,
      createdAt: new Date(Number(c.createdAt)),
      decidedAt: c.decidedAt === null ? null : new Date(Number(c.decidedAt)),
    })),
  };
}
