import { Inject, Injectable } from '@nestjs/common';
import { PUBLIC_READS, type PublicReads } from '../../database/public-reads.js';
import { type OutboxPosition, XID_HORIZON } from '../outbox/outbox-horizon.js';

export interface ChangeRow {
  xid: string;
  seq: string;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
  register_number: string;
  given_name: string | null;
  family_name: string | null;
}

/** Event types whose fact is public (a claim's decision is not: rejections are never shown). */
export const PUBLIC_CHANGE_TYPES = [
  'credential.issued',
  'credential.status-changed',
  'practitioner.status-changed',
  'practitioner.name-changed',
];

/**
 * The outbox read as the register's public change feed: only listed people (an unlisted person is
 * reachable by number but never enumerated), a page at a time in (transaction, sequence) order.
 */
@Injectable()
export class RegisterChangesRepository {
  constructor(@Inject(PUBLIC_READS) private readonly reads: PublicReads) {}

  /** Events after `from`, below the horizon of transactions still running (outbox-horizon.ts). */
  after(from: OutboxPosition, limit: number): Promise<ChangeRow[]> {
    return this.reads.query<ChangeRow[]>(
      `SELECT o.xid::text AS xid, o.seq::text AS seq, o.type, o.data, o.created_at, e.register_number,
              e.document->>'givenName' AS given_name, e.document->>'familyName' AS family_name
         FROM outbox_events o
         JOIN register_entries e ON e.practitioner_id = o.practitioner_id
        WHERE (o.xid, o.seq) > ($1::bigint, $2::bigint) AND o.xid < ${XID_HORIZON}
          AND o.type = ANY($4::varchar[]) AND e.listed AND e.document IS NOT NULL
        ORDER BY o.xid, o.seq LIMIT $3`,
      [from.xid, from.seq, limit, PUBLIC_CHANGE_TYPES],
    );
  }
}
