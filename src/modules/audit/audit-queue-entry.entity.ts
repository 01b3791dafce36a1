import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditValue } from './audit-event.entity.js';

/**
 * An audit entry written by a business transaction and not yet in the Merkle log. Writers only
 * insert here (no lock, no read); the sequencer moves rows into audit_events in `queuedSeq`
 * order and deletes them in the same transaction. A row whose transaction commits late simply
 * goes into a later batch.
 */
@Entity('audit_queue')
export class AuditQueueEntry {
  /** Insertion order; read only as SQL, so left as the driver's string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  queuedSeq: string;

  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 10 })
  actorType: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, AuditValue>;

  @Column({ type: 'varchar', length: 100, nullable: true })
  correlationId: string | null;
}
