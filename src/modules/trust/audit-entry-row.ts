import type { PublishedAuditEntry } from './audit-log-verifier.js';

/** An audit_events row as SQL returns it; shared by the service and the offline verifier script. */
export interface AuditEntryRow {
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

/** The columns an entry is published with (the correlation id is left out: it is not hashed). */
export const AUDIT_ENTRY_COLUMNS = `seq, id, occurred_at, action, actor_type, actor_id, entity_type,
  entity_id, data, prev_hash, hash`;

export function toPublishedEntry(r: AuditEntryRow): PublishedAuditEntry {
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
