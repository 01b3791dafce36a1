import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A practitioner's consent to show the full record. Only a keyed hash of the code is kept. */
@Entity('share_codes')
@Index('ix_share_codes_practitioner', ['practitionerId', 'createdAt'])
export class ShareCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @Index('uq_share_codes_code_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  /** The share_code_keys row the hash was made with (kept for retiring old keys). */
  @Index('ix_share_codes_key')
  @Column({ type: 'varchar', length: 40 })
  keyId: string;

  /** The last three characters, so the holder can tell their codes apart. */
  @Column({ type: 'varchar', length: 3 })
  hint: string;

  @Column({ type: 'varchar', length: 200 })
  purpose: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  failedAttempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
