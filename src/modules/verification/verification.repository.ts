import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../../database/prepared-query.js';
import type { ClaimStatus } from '../claims/claim.entity.js';
import type { CredentialStatus } from '../credentials/credential-status.js';
import type { CredentialKind } from '../roles/role-standing.js';

export interface ClaimRow {
  id: string;
  issuerId: string | null;
  awardingBody: string;
  awardingBodyRecognised: boolean;
  kind: CredentialKind;
  title: string;
  subject: string | null;
  level: number | null;
  result: string | null;
  awardedOn: string;
  status: ClaimStatus;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** A credential or claim as a claim check compares it, with its awarding body's other names. */
export interface CheckedRecord {
  kind: CredentialKind;
  title: string;
  awardingBody: string;
  /** The issuer's name and aliases when the record names an issuer, else empty. */
  awardingBodyAliases: string[];
  subject: string | null;
  level: number | null;
  result: string | null;
  awardedOn: string;
  createdAt: Date;
}

/** Everything one claim check reads, from one statement. */
export interface CheckFacts {
  practitioner: { id: string; givenName: string; familyName: string } | null;
  credentials: (CheckedRecord & {
    status: CredentialStatus;
    validUntil: string | null;
    /** How we know it: the receipt names it (e.g. an assessed portfolio: the experience route). */
    provenance?: string;
  })[];
  claims: (CheckedRecord & { status: ClaimStatus })[];
  /** The checking employer's organisation name, when one was asked for and exists. */
  organisation: string | null;
}

const ALIASES = (issuer: string) =>
  `CASE WHEN ${issuer}.id IS NULL THEN '{}'::text[] ELSE ARRAY[${issuer}.name::text] || ${issuer}.aliases END`;
const RECORD = (t: string, issuer: string) => `'kind', ${t}.kind, 'title', ${t}.title,
  'awardingBody', ${t}.awarding_body, 'awardingBodyAliases', ${ALIASES(issuer)},
  'subject', ${t}.subject, 'level', ${t}.level, 'result', ${t}.result, 'awardedOn', ${t}.awarded_on,
  'status', ${t}.status, 'createdAt', floor(extract(epoch FROM ${t}.created_at) * 1000)::bigint`;

// The practitioner, every credential and claim with its issuer's names, and the organisation, as
// index lookups; the outer join answers a row even for an unknown number.
const FACTS_COLUMNS = `p.id, p.given_name, p.family_name,
  (SELECT o.name FROM organisations o WHERE o.id = $2::uuid) AS organisation,
  COALESCE((SELECT json_agg(json_build_object(${RECORD('c', 'ci')}, 'validUntil', c.valid_until,
      'provenance', c.provenance)
      ORDER BY c.awarded_on DESC, c.created_at, c.id)
    FROM credentials c LEFT JOIN issuers ci ON ci.id = c.issuer_id
   WHERE c.practitioner_id = p.id), '[]') AS credentials,
  COALESCE((SELECT json_agg(json_build_object(${RECORD('cl', 'li')}) ORDER BY cl.created_at, cl.id)
    FROM claims cl LEFT JOIN issuers li ON li.id = cl.issuer_id
   WHERE cl.practitioner_id = p.id), '[]') AS claims`;
const CHECK_FACTS_SQL = `SELECT ${FACTS_COLUMNS}
  FROM (SELECT 1) AS one LEFT JOIN practitioners p ON p.register_number = $1`;
// Many numbers at once (bulk checks): the same lookups, one statement for a whole batch.
const CHECK_FACTS_MANY_SQL = `SELECT n.asked, ${FACTS_COLUMNS}
  FROM unnest($1::varchar[]) AS n(asked) LEFT JOIN practitioners p ON p.register_number = n.asked`;

interface FactsRow {
  id: string | null;
  given_name: string | null;
  family_name: string | null;
  organisation: string | null;
  credentials: Timed<CheckFacts['credentials'][number]>[];
  claims: Timed<CheckFacts['claims'][number]>[];
}

type Timed<T> = Omit<T, 'createdAt'> & { createdAt: number | string };

export interface CheckRow {
  type: 'claim-check' | 'share-code-use' | 'register-lookup';
  at: Date;
  organisationId: string | null;
  organisationName: string | null;
  reference: string | null;
  outcome: string | null;
  purpose: string | null;
}

/** What claim checks, share codes and who-checked-me read, as SQL. */
@Injectable()
export class VerificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** What a claim check compares with, read from the primary in one statement. */
  async checkFacts(registerNumber: string, organisationId: string | null): Promise<CheckFacts> {
    const [row] = await preparedQuery<FactsRow>(
      this.dataSource,
      'claim-check-facts',
      CHECK_FACTS_SQL,
      [registerNumber, organisationId],
    );
    return toFacts(row);
  }

  /** The same for many register numbers in one statement, by number. */
  async checkFactsMany(
    registerNumbers: string[],
    organisationId: string | null,
  ): Promise<Map<string, CheckFacts>> {
    if (registerNumbers.length === 0) return new Map();
    const rows = await this.dataSource.query<(FactsRow & { asked: string })[]>(
      CHECK_FACTS_MANY_SQL,
      [[...new Set(registerNumbers)], organisationId],
    );
    return new Map(rows.map((r) => [r.asked, toFacts(r)]));
  }

  async claimsFor(practitionerId: string): Promise<ClaimRow[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT id, issuer_id, awarding_body, awarding_body_recognised, kind, title, subject, level, result,
              awarded_on, status, decision_reason, decided_at, created_at
         FROM claims WHERE practitioner_id = $1 ORDER BY created_at`,
      [practitionerId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      issuerId: r.issuer_id as string | null,
      awardingBody: r.awarding_body as string,
      awardingBodyRecognised: r.awarding_body_recognised as boolean,
      kind: r.kind as CredentialKind,
      title: r.title as string,
      subject: r.subject as string | null,
      level: r.level as number | null,
      result: r.result as string | null,
      awardedOn: r.awarded_on as string,
      status: r.status as ClaimStatus,
      decisionReason: r.decision_reason as string | null,
      decidedAt: r.decided_at as Date | null,
      createdAt: r.created_at as Date,
    }));
  }

  async organisationNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every check of one practitioner, newest first: claim checks, share-code uses, employer lookups. */
  async checksOf(
    practitionerId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: CheckRow[]; total: number }> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `WITH checks AS (
         SELECT 'claim-check' AS type, r.checked_at AS at, r.organisation_id, r.reference, r.outcome, NULL::text AS purpose
           FROM verification_receipts r WHERE r.practitioner_id = $1
         UNION ALL
         SELECT 'share-code-use', u.used_at, u.organisation_id, NULL, NULL, s.purpose
           FROM share_code_uses u JOIN share_codes s ON s.id = u.share_code_id WHERE u.practitioner_id = $1
         UNION ALL
         SELECT 'register-lookup', l.looked_up_at, l.organisation_id, NULL, NULL, NULL
           FROM register_lookups l WHERE l.practitioner_id = $1)
       SELECT c.*, o.name AS organisation_name, count(*) OVER () AS total
         FROM checks c LEFT JOIN organisations o ON o.id = c.organisation_id
        ORDER BY c.at DESC LIMIT $2 OFFSET $3`,
      [practitionerId, limit, offset],
    );
    return {
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        type: r.type as CheckRow['type'],
        at: r.at as Date,
        organisationId: r.organisation_id as string | null,
        organisationName: r.organisation_name as string | null,
        reference: r.reference as string | null,
        outcome: r.outcome as string | null,
        purpose: r.purpose as string | null,
      })),
    };
  }
}

function toFacts(row: FactsRow): CheckFacts {
  const timed = <T extends { createdAt: number | string }>(r: T) => ({
    ...r,
    createdAt: new Date(Number(r.createdAt)),
  });
  return {
    practitioner:
      row.id === null
        ? null
        : { id: row.id, givenName: row.given_name ?? '', familyName: row.family_name ?? '' },
    credentials: row.credentials.map(timed),
    claims: row.claims.map(timed),
    organisation: row.organisation,
  };
}
