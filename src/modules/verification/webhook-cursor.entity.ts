import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far into the outbox the fan-out to watch lists has got (one row, locked while it runs). */
@Entity('webhook_cursor')
export class WebhookCursor {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  lastSeq: number;

  /** With lastSeq, the position in (xid, seq) order (see outbox-horizon.ts). */
  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  lastXid: number;
}
