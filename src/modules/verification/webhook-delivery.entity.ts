import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'feed-only';

/**
 * One event for one watch list: the pull feed reads these by `seq`, the dispatcher posts them to
 * the webhook until it answers 2xx or the attempts run out.
 */
@Entity('webhook_deliveries')
@Index('uq_webhook_deliveries_watch_event', ['watchListId', 'eventId'], { unique: true })
@Index('ix_webhook_deliveries_due', ['status', 'nextAttemptAt'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_webhook_deliveries_seq', { unique: true })
  @Column({
    type: 'bigint',
    generated: 'increment',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  seq: number;

  @Column({ type: 'uuid' })
  watchListId: string;

  /** Stable across retries and redeliveries: receivers deduplicate on it. */
  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  eventType: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
