import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A verified employer following one practitioner, for the purpose of the share code it redeemed. */
@Index('ix_watch_lists_share_code', ['shareCodeId'])
@Entity('watch_lists')
@Index('ix_watch_lists_practitioner', ['practitionerId'])
@Index('ix_watch_lists_organisation', ['organisationId'])
export class WatchList {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'uuid' })
  shareCodeId: string;

  @Column({ type: 'varchar', length: 200 })
  purpose: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  webhookUrl: string | null;

  /**
   * HMAC key for the webhook signature, sealed under the KEK (SecretBox, bound to this row's id);
   * shown once, in plain, when the watch is created.
   */
  @Column({ type: 'varchar', length: 300 })
  secretSealed: string;

  /** Also mail the colleague who set it up about each change (they opted in). */
  @Column({ type: 'boolean', default: false })
  emailNotices: boolean;

  /** Role standings as last announced, so a change can be told from a repeat. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  standings: Record<string, string>;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}
