import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ClaimStatus } from '../claims/claim.entity.js';
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
