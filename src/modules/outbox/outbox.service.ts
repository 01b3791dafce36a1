import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { type EntityManager, In, MoreThan, type Repository } from 'typeorm';
import { OutboxEvent, type OutboxEventType, type OutboxValue } from './outbox-event.entity.js';

export interface OutboxInput {
  type: OutboxEventType;
  practitionerId: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, OutboxValue>;
}

@Injectable()
export class OutboxService {
  constructor(@InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>) {}

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
    await manager.query(
      `INSERT INTO outbox_events (id, type, practitioner_id, subject_type, subject_id, data)
       SELECT u.id, u.type, u.practitioner_id, u.subject_type, u.subject_id, u.data::jsonb
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

  readAfter(seq: number, limit: number, practitionerIds?: string[]): Promise<OutboxEvent[]> {
    return this.events.find({
      where: {
        seq: MoreThan(seq),
        ...(practitionerIds ? { practitionerId: In(practitionerIds) } : {}),
      },
      order: { seq: 'ASC' },
      take: limit,
    });
  }
}
