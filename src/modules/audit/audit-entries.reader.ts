import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AUDIT_ENTRY_COLUMNS,
  type AuditEntryRow,
  type PublishedAuditEntry,
  toPublishedEntry,
} from './audit-entry-row.js';

/**
 * Reads the integrated log for publication. The correlation id is left out: it is not part of
 * the hashed body and ties entries to request logs.
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

  async lastSeq(): Promise<number> {
    const [row] = await this.dataSource.query<{ seq: string | null }[]>(
      `SELECT max(seq) AS seq FROM audit_events`,
    );
    return Number(row?.seq ?? 0);
  }
}
