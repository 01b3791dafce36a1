import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EntityManager } from 'typeorm';
import { currentCorrelationId } from '../../common/logging/request-context.js';
import { AuditEvent, type AuditValue } from './audit-event.entity.js';

export interface AuditInput {
  action: string;
  actorType: 'user' | 'api-key' | 'system';
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  /** Ids and codes only: never names, emails, dates of birth or document contents. */
  data?: Record<string, AuditValue>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The canonical form an entry's hash covers; times in UTC so no time zone can change a hash. */
export function auditEventBody(e: AuditEvent): Record<string, unknown> {
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    action: e.action,
    actorType: e.actorType,
    actorId: e.actorId,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
  };
}

export function chainHash(prevHash: string, body: Record<string, unknown>): string {
  return createHash('sha256')
    .update(prevHash, 'hex')
    .update(canonicalize(body) ?? '')
    .digest('hex');
}

/** Appends audit events inside the caller's transaction, serialised so the chain is gapless. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, input: AuditInput): Promise<AuditEvent> {
    const [event] = await this.recordMany(manager, [input]);
    return event;
  }

  /** Appends several events in order with one lock and one insert (bulk issuing). */
  async recordMany(manager: EntityManager, inputs: AuditInput[]): Promise<AuditEvent[]> {
    if (inputs.length === 0) return [];
    // A transaction-scoped advisory lock orders every append; it is released at commit or rollback.
    await manager.query(`SELECT pg_advisory_xact_lock(7140001)`);
    const [last] = await manager.query<{ seq: string; hash: string | null }[]>(
      `SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`,
    );
    let seq = last ? Number(last.seq) : 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const correlationId = currentCorrelationId();
    const occurredAt = new Date();
    const events = inputs.map((input) => {
      const event = manager.create(AuditEvent, {
        seq: ++seq,
        id: randomUUID(),
        occurredAt,
        action: input.action,
        actorType: input.actorType,
        actorId: input.actorId,
        entityType: input.entityType,
        entityId: input.entityId,
        data: input.data ?? {},
        correlationId,
      });
      event.prevHash = prevHash;
      event.hash = chainHash(prevHash, auditEventBody(event));
      prevHash = event.hash;
      return event;
    });
    for (let i = 0; i < events.length; i += 1000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(AuditEvent)
        .values(events.slice(i, i + 1000))
        .execute();
    }
    return events;
  }
}
