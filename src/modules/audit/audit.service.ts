import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canCopy, copyRows } from '../../database/copy-rows.js';
import { currentCorrelationId } from '../../common/logging/request-context.js';
import type { AuditValue } from './audit-event.entity.js';

const AUDIT_QUEUE_COLUMNS = [
  'id',
  'occurred_at',
  'action',
  'actor_type',
  'actor_id',
  'entity_type',
  'entity_id',
  'data',
  'correlation_id',
];

export interface AuditInput {
  action: string;
  actorType: 'user' | 'api-key' | 'system';
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  /** Ids and codes only: never names, emails, dates of birth or document contents. */
  data?: Record<string, AuditValue>;
}

/** What a writer gets back: the entry's id is final; its place in the log is given later. */
export interface QueuedAuditEntry extends Required<AuditInput> {
  id: string;
  occurredAt: Date;
}

/**
 * Queues audit entries inside the caller's transaction: they commit or roll back with the write
 * they describe. Nothing here locks or reads the log, so writers never wait on each other; the
 * sequencer gives each entry its leaf index once the transaction has committed.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, input: AuditInput): Promise<QueuedAuditEntry> {
    const [entry] = await this.recordMany(manager, [input]);
    return entry;
  }

  /**
   * One entry queued by the very statement that makes the write it describes
   * (`WITH queued AS (INSERT INTO audit_queue …) <write>`): atomic without a transaction, so a
   * hot single-row write (a claim check's receipt) costs one round trip and holds no lock past it.
   * `write` gets the entry (its id is final) and returns its SQL, numbered from $1.
   */
  async recordWith(
    runner: Pick<EntityManager, 'query'>,
    input: AuditInput,
    write: (entry: QueuedAuditEntry) => { sql: string; params: unknown[] },
  ): Promise<QueuedAuditEntry> {
    const { entry, sql, params } = this.statementWith(input, write);
    await runner.query(sql, params);
    return entry;
  }

  /**
   * The statement `recordWith` runs, for a caller that runs it itself (as a prepared statement:
   * its text is the same for the same `write` SQL).
   */
  statementWith(
    input: AuditInput,
    write: (entry: QueuedAuditEntry) => { sql: string; params: unknown[] },
  ): { entry: QueuedAuditEntry; sql: string; params: unknown[] } {
    const entry: QueuedAuditEntry = {
      id: randomUUID(),
      occurredAt: new Date(),
      action: input.action,
      actorType: input.actorType,
      actorId: input.actorId,
      entityType: input.entityType,
      entityId: input.entityId,
      data: input.data ?? {},
    };
    const { sql, params } = write(entry);
    const at = (k: number) => `$${params.length + k}`;
    return {
      entry,
      sql: `WITH queued AS (
         INSERT INTO audit_queue (id, occurred_at, action, actor_type, actor_id, entity_type, entity_id, data, correlation_id)
         VALUES (${at(1)}::uuid, ${at(2)}::timestamptz, ${at(3)}, ${at(4)}, ${at(5)}::uuid, ${at(6)}, ${at(7)}, ${at(8)}::jsonb, ${at(9)}))
       ${sql}`,
      params: [
        ...params,
        entry.id,
        entry.occurredAt,
        entry.action,
        entry.actorType,
        entry.actorId,
        entry.entityType,
        entry.entityId,
        JSON.stringify(entry.data),
        currentCorrelationId(),
      ],
    };
  }

  /** Several entries, in order, in as few inserts as possible (bulk issuing). */
  async recordMany(manager: EntityManager, inputs: AuditInput[]): Promise<QueuedAuditEntry[]> {
    if (inputs.length === 0) return [];
    const correlationId = currentCorrelationId();
    const occurredAt = new Date();
    const entries = inputs.map((input) => ({
      id: randomUUID(),
      occurredAt,
      action: input.action,
      actorType: input.actorType,
      actorId: input.actorId,
      entityType: input.entityType,
      entityId: input.entityId,
      data: input.data ?? {},
    }));
    if (canCopy(manager, entries.length)) {
      // In input order: queued_seq follows the order of the rows.
      await copyRows(
        manager,
        'audit_queue',
        AUDIT_QUEUE_COLUMNS,
        entries.map((e) => [
          e.id,
          occurredAt,
          e.action,
          e.actorType,
          e.actorId,
          e.entityType,
          e.entityId,
          JSON.stringify(e.data),
          correlationId,
        ]),
      );
      return entries;
    }
    // One statement with array parameters, whatever the number of entries: building a multi-row
    // VALUES list cost most of a 1,000-row bulk batch. ORDER BY keeps the queue in input order.
    await manager.query(
      `INSERT INTO audit_queue (id, occurred_at, action, actor_type, actor_id, entity_type, entity_id, data, correlation_id)
       SELECT u.id, $2, u.action, u.actor_type, u.actor_id, u.entity_type, u.entity_id, u.data, $9
         FROM unnest($1::uuid[], $3::varchar[], $4::varchar[], $5::uuid[], $6::varchar[], $7::varchar[], $8::jsonb[])
              WITH ORDINALITY AS u(id, action, actor_type, actor_id, entity_type, entity_id, data, n)
        ORDER BY u.n`,
      [
        entries.map((e) => e.id),
        occurredAt,
        entries.map((e) => e.action),
        entries.map((e) => e.actorType),
        entries.map((e) => e.actorId),
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId),
        entries.map((e) => JSON.stringify(e.data)),
        correlationId,
      ],
    );
    return entries;
  }
}
