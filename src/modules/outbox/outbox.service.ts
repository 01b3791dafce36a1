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

  /** Several events in one insert (bulk issuing), in order. */
  async addMany(manager: EntityManager, inputs: OutboxInput[]): Promise<void> {
    for (let i = 0; i < inputs.length; i += 1000) {
      const rows = inputs
        .slice(i, i + 1000)
        .map((input) => ({ id: randomUUID(), ...input, data: input.data ?? {} }));
      await manager.createQueryBuilder().insert().into(OutboxEvent).values(rows).execute();
    }
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
