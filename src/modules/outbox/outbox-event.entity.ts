import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Ids, codes and short reasons: what a watcher needs to know what changed. */
export type OutboxValue = string | number | boolean | null;

export type OutboxEventType =
  | 'credential.issued'
  | 'credential.status-changed'
  | 'practitioner.status-changed'
  | 'practitioner.name-changed'
  | 'claim.decided';

/**
 * A change outside watchers care about, written in the same transaction as the change itself, so
 * nothing is announced that did not happen and nothing that happened is missed.
 */
@Entity('outbox_events')
@Index('ix_outbox_events_xid_seq', ['xid', 'seq'])
export class OutboxEvent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('uq_outbox_events_seq', { unique: true })
  @Column({
    type: 'bigint',
    generated: 'increment',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  seq: number;

  /**
   * The writing transaction's id (pg_current_xact_id). Readers go in (xid, seq) order and only
   * below the oldest running transaction (see outbox-horizon.ts); 0 for events older than that.
   */
  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  xid: number;

  @Column({ type: 'varchar', length: 40 })
  type: OutboxEventType;

  @Index('ix_outbox_events_practitioner')
  @Column({ type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'varchar', length: 30 })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, OutboxValue>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
