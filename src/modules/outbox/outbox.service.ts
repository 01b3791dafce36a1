import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CURRENT_XID } from './outbox-horizon.js';
import type { OutboxEventType, OutboxValue } from './outbox-event.entity.js';
import { canCopy, copyRows } from '../../database/copy-rows.js';

export interface OutboxInput {
  type: OutboxEventType;
  practitionerId: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, OutboxValue>;
}

@Injectable()
export class OutboxService {
  /** Call inside the transaction that makes the change. */
  async add(manager: EntityManager, input: OutboxInput): Promise<void> {
    await this.addMany(manager, [input]);
  }

  /**
   * Several events in one statement (bulk issuing), in order: one array per column, so its cost
   * does not grow with a parameter per value as TypeORM's multi-row insert does.
   */
  async addMany(manager: EntityManager, inputs: OutboxInput[]): Promise<void> {
    if (inputs.length === 0) return;
    if (canCopy(manager, inputs.length)) {
      // COPY takes no expressions: the transaction id is read once, as the insert would use it.
      const [{ xid }] = await manager.query<{ xid: string }[]>(`SELECT ${CURRENT_XID} AS xid`);
      await copyRows(
        manager,
        'outbox_events',
        ['id', 'xid', 'type', 'practitioner_id', 'subject_type', 'subject_id', 'data'],
        inputs.map((e) => [
          randomUUID(),
          xid,
          e.type,
          e.practitionerId,
          e.subjectType,
          e.subjectId,
          JSON.stringify(e.data ?? {}),
        ]),
      );
      return;
    }
    await manager.query(
      `INSERT INTO outbox_events (id, xid, type, practitioner_id, subject_type, subject_id, data)
       SELECT u.id, ${CURRENT_XID}, u.type, u.practitioner_id, u.subject_type, u.subject_id, u.data::jsonb
         FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[], $5::uuid[], $6::text[])
              WITH ORDINALITY AS u(id, type, practitioner_id, subject_type, subject_id, data, n)
        ORDER BY u.n`,
      [
        inputs.map(() => randomUUID()),
        inputs.map((e) => e.type),
        inputs.map((e) => e.practitionerId),
        inputs.map((e) => e.subjectType),
        inputs.map((e) => e.subjectId),
        inputs.map((e) => JSON.stringify(e.data ?? {})),
      ],
    );
  }
}
