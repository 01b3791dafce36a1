import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { PublishedAuditEntry } from './audit-log-verifier.js';

interface Row {
  seq: string;
  id: string;
  occurred_at: Date;
  action: string;
  actor_type: string;
  actor_id: string | null;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * Reads the audit log for publication (audit imports no feature module, so trust reads its
 * table). The correlation id is left out: it is not part of the hashed body and ties entries to
 * request logs.
 */
@Injectable()
export class AuditEntriesReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async range(
    m: EntityManager | undefined,
    from: number,
    to: number,
  ): Promise<PublishedAuditEntry[]> {
    if (to < from) return [];
    const rows = await (m ?? this.dataSource.manager).query<Row[]>(
      `SELECT seq, id, occurred_at, action, actor_type, actor_id, entity_type, entity_id, data,
              prev_hash, hash
         FROM audit_events WHERE seq BETWEEN $1 AND $2 ORDER BY seq`,
      [from, to],
    );
    return rows.map(toPublished);
  }

  /** Every entry hash in seq order: the Merkle leaves. */
  async hashes(m: EntityManager): Promise<string[]> {
    const rows = await m.query<{ hash: string | null }[]>(
      `SELECT hash FROM audit_events ORDER BY seq`,
    );
    return rows.map((r) => r.hash ?? '');
  }

  async lastSeq(): Promise<number> {
    const [row] = await this.dataSource.query<{ seq: string | null }[]>(
      `SELECT max(seq) AS seq FROM audit_events`,
    );
    return Number(row?.seq ?? 0);
  }
}

function toPublished(r: Row): PublishedAuditEntry {
  return {
    seq: Number(r.seq),
    id: r.id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    action: r.action,
    actorType: r.actor_type,
    actorId: r.actor_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
