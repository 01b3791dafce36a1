import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { PUBLIC_READS, type PublicReads } from '../../database/public-reads.js';
import type { ClaimStatus } from '../claims/claim.entity.js';
import { CredentialStatusChange } from '../credentials/credential-status-change.entity.js';
import { Credential } from '../credentials/credential.entity.js';
import type { CredentialKind } from '../roles/role-standing.js';

export interface NameHit {
  practitionerId: string;
  nameScore: number;
  formerScore: number;
}

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

export interface PractitionerSummary {
  id: string;
  registerNumber: string;
  givenName: string;
  familyName: string;
  formerNames: string[];
  registerStatus: string;
  visibility: { formerNames?: boolean; appointments?: boolean };
  currentRoles: string[];
}

export interface CheckRow {
  type: 'claim-check' | 'share-code-use' | 'register-lookup';
  at: Date;
  organisationId: string | null;
  organisationName: string | null;
  reference: string | null;
  outcome: string | null;
  purpose: string | null;
}

// Lower than pg_trgm's 0.6 default so a typo or two in a short name still finds it.
const WORD_SIMILARITY = 0.3;

/**
 * Read paths of the public register, as SQL: search must use the trigram index, not load rows.
 * Search and the public entry's credentials read through PUBLIC_READS (a replica when there is
 * one); what claim checks and share codes read stays on the primary.
 */
@Injectable()
export class VerificationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PUBLIC_READS) private readonly reads: PublicReads,
  ) {}

  /** Listed practitioners whose (visible) names are close to `folded`, best first. */
  async searchNames(
    query: string,
    limit: number,
    offset: number,
  ): Promise<{ hits: NameHit[]; total: number }> {
    return this.reads.transaction(async (m) => {
      await m.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
        String(WORD_SIMILARITY),
      ]);
      // The planner prices the trigram operator like a cheap comparison and picks a table scan that is
      // 10-15 times slower than the index on 100k rows; for this transaction only, steer it to the index.
      await m.query(`SELECT set_config('enable_seqscan', 'off', true)`);
      const rows = await m.query<
        { practitioner_id: string; name_score: number; former_score: number; total: string }[]
      >(
        // Scores are computed for the page only, not for every row that matches.
        `SELECT s.practitioner_id, s.total,
                word_similarity(registry_fold($1), s.name_text) AS name_score,
                CASE WHEN s.former_text = '' THEN 0 ELSE word_similarity(registry_fold($1), s.former_text) END AS former_score
           FROM (SELECT e.practitioner_id, e.name_text, e.former_text, count(*) OVER () AS total
                   FROM register_search_entries e
                  WHERE e.listed AND registry_fold($1) <% e.search_text
                  ORDER BY word_similarity(registry_fold($1), e.search_text) DESC, e.practitioner_id
                  LIMIT $2 OFFSET $3) s`,
        [query, limit, offset],
      );
      let total = rows.length > 0 ? Number(rows[0].total) : 0;
      if (rows.length === 0 && offset > 0) {
        const [row] = await m.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM register_search_entries e WHERE e.listed AND registry_fold($1) <% e.search_text`,
          [query],
        );
        total = Number(row?.n ?? 0);
      }
      return {
        hits: rows.map((r) => ({
          practitionerId: r.practitioner_id,
          nameScore: Number(r.name_score),
          formerScore: Number(r.former_score),
        })),
        total,
      };
    });
  }

  /** What a search result shows, for a page of people in one query. */
  async summaries(ids: string[], on: string): Promise<Map<string, PractitionerSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.reads.query<Record<string, unknown>[]>(
      `SELECT p.id, p.register_number, p.given_name, p.family_name, p.former_names, p.register_status, p.visibility,
              COALESCE(array_agg(DISTINCT a.role_code) FILTER (WHERE a.role_code IS NOT NULL), '{}') AS current_roles
         FROM practitioners p
         LEFT JOIN role_appointments a
           ON a.practitioner_id = p.id AND a.start_date <= $2 AND (a.end_date IS NULL OR a.end_date >= $2)
        WHERE p.id = ANY($1::uuid[])
        GROUP BY p.id`,
      [ids, on],
    );
    return new Map(
      rows.map((r) => [
        r.id as string,
        {
          id: r.id as string,
          registerNumber: r.register_number as string,
          givenName: r.given_name as string,
          familyName: r.family_name as string,
          formerNames: r.former_names as string[],
          registerStatus: r.register_status as string,
          visibility: r.visibility as PractitionerSummary['visibility'],
          currentRoles: r.current_roles as string[],
        },
      ]),
    );
  }

  /** Listed practitioners appointed to `role` on `on`, for a role filter without a name. */
  async appointedTo(role: string, on: string, limit: number): Promise<string[]> {
    const rows = await this.reads.query<{ practitioner_id: string }[]>(
      `SELECT DISTINCT a.practitioner_id
         FROM role_appointments a JOIN register_search_entries e ON e.practitioner_id = a.practitioner_id
        WHERE e.listed AND a.role_code = $1 AND a.start_date <= $2 AND (a.end_date IS NULL OR a.end_date >= $2)
        ORDER BY a.practitioner_id LIMIT $3`,
      [role, on, limit],
    );
    return rows.map((r) => r.practitioner_id);
  }

  /** A practitioner's credentials and their status changes, as the public register sees them. */
  async publicCredentials(
    practitionerId: string,
  ): Promise<{ credentials: Credential[]; changes: CredentialStatusChange[] }> {
    const credentials = await this.reads.getRepository(Credential).find({
      where: { practitionerId },
      order: { awardedOn: 'DESC' },
    });
    const changes =
      credentials.length === 0
        ? []
        : await this.reads.getRepository(CredentialStatusChange).find({
            where: { credentialId: In(credentials.map((c) => c.id)) },
            order: { changedAt: 'ASC' },
          });
    return { credentials, changes };
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

  /** Name and aliases of each issuer, for matching the body a CV names. */
  async issuerNames(
    ids: string[],
  ): Promise<Map<string, { name: string; aliases: string[]; status: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<
      { id: string; name: string; aliases: string[]; status: string }[]
    >(`SELECT id, name, aliases, status FROM issuers WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, { name: r.name, aliases: r.aliases, status: r.status }]));
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
