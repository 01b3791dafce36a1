import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { currentCorrelationId } from '../../common/logging/request-context.js';
import type { AuditValue } from './audit-event.entity.js';
import { AuditQueueEntry } from './audit-queue-entry.entity.js';

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

const INSERT_CHUNK = 1000;

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
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(AuditQueueEntry)
        .values(entries.slice(i, i + INSERT_CHUNK).map((e) => ({ ...e, correlationId })))
        .updateEntity(false)
        .execute();
    }
    return entries;
  }
}
