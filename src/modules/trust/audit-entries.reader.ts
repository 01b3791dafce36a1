import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { PublishedAuditEntry } from './audit-log-verifier.js';
import { AUDIT_ENTRY_COLUMNS, type AuditEntryRow, toPublishedEntry } from './audit-entry-row.js';

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
    const rows = await (m ?? this.dataSource.manager).query<AuditEntryRow[]>(
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_events WHERE seq BETWEEN $1 AND $2 ORDER BY seq`,
      [from, to],
    );
    return rows.map(toPublishedEntry);
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
