import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CredentialStatus } from './credential-status.js';

export interface LockedCredential {
  id: string;
  practitionerId: string;
  issuerReference: string | null;
  status: CredentialStatus;
  validUntil: string | null;
}

export interface StatusChangeRow {
  credentialId: string;
  from: CredentialStatus;
  to: CredentialStatus;
}

/** The set-based statements of a bulk status change: a few per batch, whatever its size. */
@Injectable()
export class BulkStatusRepository {
  /**
   * One issuer's credentials named by id or by its own reference, locked in id order so two
   * overlapping requests cannot deadlock. Another issuer's credentials are simply not found.
   */
  async lockOwn(
    m: EntityManager,
    issuerId: string,
    ids: string[],
    references: string[],
  ): Promise<LockedCredential[]> {
    if (ids.length === 0 && references.length === 0) return [];
    return m.query<LockedCredential[]>(
      `SELECT id, practitioner_id AS "practitionerId", issuer_reference AS "issuerReference",
              status, to_char(valid_until, 'YYYY-MM-DD') AS "validUntil"
         FROM credentials
        WHERE issuer_id = $1 AND (id = ANY($2::uuid[]) OR issuer_reference = ANY($3::varchar[]))
        ORDER BY id FOR UPDATE`,
      [issuerId, ids, references],
    );
  }

  /** The credentials among these that this request already changed (a resend). */
  async changedBy(m: EntityManager, requestId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await m.query<{ id: string }[]>(
      `SELECT credential_id AS id FROM credential_status_changes
        WHERE request_id = $1 AND credential_id = ANY($2::uuid[])`,
      [requestId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async apply(
    m: EntityManager,
    changes: StatusChangeRow[],
    detail: {
      action: string;
      reason: string;
      requestId: string;
      actorType: string;
      actorId: string | null;
    },
  ): Promise<void> {
    if (changes.length === 0) return;
    const ids = changes.map((c) => c.credentialId);
    await m.query(
      `UPDATE credentials c SET status = u.status, updated_at = now(), version = c.version + 1
         FROM unnest($1::uuid[], $2::varchar[]) AS u(id, status) WHERE c.id = u.id`,
      [ids, changes.map((c) => c.to)],
    );
    await m.query(
      `INSERT INTO credential_status_changes
         (credential_id, from_status, to_status, action, reason, valid_until, actor_type, actor_id, request_id)
       SELECT u.id, u.from_status, u.to_status, $3, $4, NULL, $5, $6::uuid, $7::uuid
         FROM unnest($1::uuid[], $2::varchar[], $8::varchar[]) AS u(id, from_status, to_status)`,
      [
        ids,
        changes.map((c) => c.from),
        detail.action,
        detail.reason,
        detail.actorType,
        detail.actorId,
        detail.requestId,
        changes.map((c) => c.to),
      ],
    );
  }
}
