import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * `confirm-and-list`: an email confirmation after which the practitioner's entry is listed (a sign-up
 * that asked to wait for it); `confirm-email` confirms the address and changes nothing else.
 */
export type AccountTokenPurpose = 'confirm-email' | 'confirm-and-list' | 'password-reset';

/**
 * A single-use secret sent by mail (email confirmation, password reset). Only its SHA-256 is kept,
 * so a copy of the database cannot be used to take over an account.
 */
@Entity('account_tokens')
@Index('ix_account_tokens_user', ['userId'])
export class AccountToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  purpose: AccountTokenPurpose;

  @Index('uq_account_tokens_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
