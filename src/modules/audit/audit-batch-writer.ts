import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditCheckpoint } from './audit-checkpoint.entity.js';
import { entryBody } from './audit-entry-row.js';
import { AuditEvent, type AuditValue } from './audit-event.entity.js';
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

/**
 * Appends one batch to the tree inside the sequencer's transaction: entries with their leaf
 * hashes, the complete subtrees the batch finishes (reading only the old frontier, so a batch
 * costs O(batch + log n) however big the log is), the new size and a signed checkpoint.
 */
@Injectable()
export class AuditBatchWriter {
  constructor(private readonly tree: AuditTreeRepository) {}

  async integrate(
    m: EntityManager,
    oldSize: number,
    rows: QueuedRow[],
    key: CheckpointKey,
  ): Promise<AuditCheckpoint> {
    const events = rows.map((r, i) => {
      const event = m.create(AuditEvent, {
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
      });
      const body = entryBody({ ...event, occurredAt: event.occurredAt.toISOString() });
      event.hash = leafHash(canonicalEntry(body)).toString('hex');
      return event;
    });
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      await m
        .createQueryBuilder()
        .insert()
        .into(AuditEvent)
        .values(events.slice(i, i + INSERT_CHUNK))
        .updateEntity(false)
        .execute();
    }
    const newSize = oldSize + events.length;
    const frontier = await this.tree.nodes(m, frontierKeys(oldSize));
    const leaves = events.map((e) => Buffer.from(e.hash ?? '', 'hex'));
    const added = growTree(oldSize, leaves, frontier);
    await this.tree.insert(m, added);
    const root =
      newSize === 0
        ? EMPTY_ROOT
        : foldRange(
            frontierKeys(newSize).map((k) => {
              const id = nodeId(k.level, k.index);
              const found = added.get(id) ?? frontier.get(id);
              if (!found) throw new Error(`Merkle node ${id} is missing.`);
              return found;
            }),
          );
    await m.query(`UPDATE audit_sequencer SET tree_size = $1 WHERE id = 1`, [newSize]);
    const body = formatCheckpoint({
      origin: key.origin,
      size: newSize,
      rootHash: root,
      extensions: [],
    });
    return m.save(
      m.create(AuditCheckpoint, {
        size: newSize,
        rootHash: root.toString('hex'),
        note: signCheckpoint(body, key.origin, key.privateKey),
        kid: key.kid,
      }),
    );
  }
}
