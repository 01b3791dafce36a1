import { Inject, Injectable } from '@nestjs/common';
import { PUBLIC_READS, type PublicReads } from '../../database/public-reads.js';

export interface ChangeRow {
  seq: string;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
  register_number: string;
}

/** Event types whose fact is public (a claim's decision is not: rejections are never shown). */
export const PUBLIC_CHANGE_TYPES = [
  'credential.issued',
  'credential.status-changed',
  'practitioner.status-changed',
];

/**
 * The outbox read as the register's public change feed: only listed people (an unlisted person is
 * reachable by number but never enumerated), oldest first, a page at a time by sequence number.
 */
@Injectable()
export class RegisterChangesRepository {
  constructor(@Inject(PUBLIC_READS) private readonly reads: PublicReads) {}

  after(seq: number, limit: number): Promise<ChangeRow[]> {
    return this.reads.query<ChangeRow[]>(
      `SELECT o.seq::text AS seq, o.type, o.data, o.created_at, e.register_number
         FROM outbox_events o
         JOIN register_entries e ON e.practitioner_id = o.practitioner_id
        WHERE o.seq > $1 AND o.type = ANY($3::varchar[]) AND e.listed AND e.document IS NOT NULL
        ORDER BY o.seq LIMIT $2`,
      [seq, limit, PUBLIC_CHANGE_TYPES],
    );
  }
}
