import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canCopy, copyRows } from '../../database/copy-rows.js';
import { entryBody } from './audit-entry-row.js';
import type { AuditValue } from './audit-event.entity.js';
import { AuditTreeRepository } from './audit-tree.repository.js';
import { formatCheckpoint, signCheckpoint } from './checkpoint.js';
import type { CheckpointKey } from './checkpoint-signer.js';
import {
  canonicalEntry,
  EMPTY_ROOT,
  foldRange,
  frontierKeys,
  growTree,
  leafHash,
  nodeId,
} from './merkle.js';

/** A row the sequencer took off audit_queue, as SQL returns it. */
export interface QueuedRow {
  queued_seq: string;
  id: string;
  occurred_at: Date;
  action: string;
  actor_type: string;
  actor_id: string | null;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, AuditValue>;
  correlation_id: string | null;
}

const INSERT_CHUNK = 1000;

/** An entry as it goes into audit_events, with its leaf hash. */
interface LeafEvent {
  seq: number;
  id: string;
  occurredAt: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  data: Record<string, AuditValue>;
  correlationId: string | null;
  hash: string;
}

/** The complete subtrees whose fold is the root of a tree of `size` leaves, by nodeId. */
export interface Frontier {
  size: number;
  nodes: Map<string, Buffer>;
}

/**
 * Appends one batch to the tree inside the sequencer's transaction: entries with their leaf
 * hashes, the complete subtrees the batch finishes (from the old frontier only, so a batch costs
 * O(batch + log n) however big the log is), the new size and a signed checkpoint. Returns the new
 * frontier: the sequencer passes it to the next batch once this one has committed.
 */
@Injectable()
export class AuditBatchWriter {
  constructor(private readonly tree: AuditTreeRepository) {}

  async integrate(
    m: EntityManager,
    oldSize: number,
    rows: QueuedRow[],
    key: CheckpointKey,
    known?: Frontier,
  ): Promise<Frontier> {
    // Plain objects, written by COPY on the server database (one array per column on the
    // embedded one): building a TypeORM multi-row insert of a 1,000-entry batch (11,000
    // parameters) cost more CPU than hashing it.
    const events = rows.map((r, i): LeafEvent => {
      const event = {
        seq: oldSize + i + 1,
        id: r.id,
        occurredAt: new Date(r.occurred_at),
        action: r.action,
        actorType: r.actor_type,
        actorId: r.actor_id,
        entityType: r.entity_type,
        entityId: r.entity_id,
        data: r.data,
        correlationId: r.correlation_id,
      };
      const body = entryBody({ ...event, occurredAt: event.occurredAt.toISOString() });
      return { ...event, hash: leafHash(canonicalEntry(body)).toString('hex') };
    });
    if (canCopy(m, events.length)) {
      await copyRows(
        m,
        'audit_events',
        [
          'seq',
          'id',
          'occurred_at',
          'action',
          'actor_type',
          'actor_id',
          'entity_type',
          'entity_id',
          'data',
          'correlation_id',
          'hash',
        ],
        events.map((e) => [
          e.seq,
          e.id,
          e.occurredAt,
          e.action,
          e.actorType,
          e.actorId,
          e.entityType,
          e.entityId,
          JSON.stringify(e.data),
          e.correlationId,
          e.hash,
        ]),
      );
    } else {
      await this.insertEvents(m, events);
    }
    const newSize = oldSize + events.length;
    const frontier =
      known?.size === oldSize ? known.nodes : await this.tree.nodes(m, frontierKeys(oldSize));
    const leaves = events.map((e) => Buffer.from(e.hash, 'hex'));
    const added = growTree(oldSize, leaves, frontier);
    await this.tree.insert(m, added);
    const nodes = new Map(
      frontierKeys(newSize).map((k) => {
        const id = nodeId(k.level, k.index);
        const found = added.get(id) ?? frontier.get(id);
        if (!found) throw new Error(`Merkle node ${id} is missing.`);
        return [id, found];
      }),
    );
    const root = newSize === 0 ? EMPTY_ROOT : foldRange([...nodes.values()]);
    const body = formatCheckpoint({
      origin: key.origin,
      size: newSize,
      rootHash: root,
      extensions: [],
    });
    await m.query(
      `WITH grown AS (UPDATE audit_sequencer SET tree_size = $1 WHERE id = 1)
       INSERT INTO audit_checkpoints (size, root_hash, note, kid) VALUES ($1, $2, $3, $4)`,
      [newSize, root.toString('hex'), signCheckpoint(body, key.origin, key.privateKey), key.kid],
    );
    return { size: newSize, nodes };
  }

  /** The embedded database's way (no COPY there): one array per column. */
  private async insertEvents(m: EntityManager, events: LeafEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      const chunk = events.slice(i, i + INSERT_CHUNK);
      const column = <T>(pick: (e: LeafEvent) => T) => chunk.map(pick);
      await m.query(
        `INSERT INTO audit_events (seq, id, occurred_at, action, actor_type, actor_id, entity_type,
           entity_id, data, correlation_id, hash)
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::varchar[],
           $5::varchar[], $6::uuid[], $7::varchar[], $8::varchar[], $9::jsonb[], $10::varchar[],
           $11::varchar[])`,
        [
          column((e) => e.seq),
          column((e) => e.id),
          column((e) => e.occurredAt),
          column((e) => e.action),
          column((e) => e.actorType),
          column((e) => e.actorId),
          column((e) => e.entityType),
          column((e) => e.entityId),
          column((e) => JSON.stringify(e.data)),
          column((e) => e.correlationId),
          column((e) => e.hash),
        ],
      );
    }
  }
}
