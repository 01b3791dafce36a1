import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** How far into the outbox the mail notifier has read (one row, claimed while it runs). */
@Entity('mail_notifier_cursor')
export class MailNotifierCursor {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  /** The (xid, seq) of the last event read: see outbox-horizon.ts. */
  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  lastXid: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  lastSeq: number;
}

/** One row per reminder ever queued (`expiry:<credential>:<days>`): a reminder goes out once. */
@Entity('mail_reminders')
export class MailReminder {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
