/** One entry of the Merkle log as published by GET /api/v1/audit/entries. */
export interface PublishedAuditEntry {
  /** Leaf index + 1. */
  seq: number;
  id: string;
  occurredAt: string;
  action: string;
  actorType: string;
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
  /** Hex RFC 9162 leaf hash: SHA-256(0x00 || RFC 8785 form of the body). */
  hash: string | null;
}

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
  hash: string | null;
}

/** The columns an entry is published with (the correlation id is left out: it is not hashed). */
export const AUDIT_ENTRY_COLUMNS = `seq, id, occurred_at, action, actor_type, actor_id, entity_type,
  entity_id, data, hash`;

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
    hash: r.hash,
  };
}

/**
 * The body a leaf covers. `seq` is inside it, so an entry moved to another position no longer
 * hashes to the leaf there; times are UTC ISO strings so no time zone can change a hash.
 */
export function entryBody(e: Omit<PublishedAuditEntry, 'hash'>): Record<string, unknown> {
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: new Date(e.occurredAt).toISOString(),
    action: e.action,
    actorType: e.actorType,
    actorId: e.actorId,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
  };
}
