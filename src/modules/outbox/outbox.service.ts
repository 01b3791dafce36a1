import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { type EntityManager, In, MoreThan, type Repository } from 'typeorm';
import { OutboxEvent, type OutboxEventType } from './outbox-event.entity.js';

export interface OutboxInput {
  type: OutboxEventType;
  practitionerId: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class OutboxService {
  constructor(@InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>) {}

  /** Call inside the transaction that makes the change. */
  async add(manager: EntityManager, input: OutboxInput): Promise<void> {
    await manager.save(
      manager.create(OutboxEvent, { id: randomUUID(), ...input, data: input.data ?? {} }),
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
