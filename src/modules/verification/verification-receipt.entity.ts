import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { VerificationOutcome } from './verification-outcome.js';

/**
 * One claim check, as asked and as answered, with the registry's signature over `document`.
 * Rows are never changed: a database trigger refuses UPDATE and DELETE.
 */
@Index('ix_verification_receipts_organisation', ['organisationId'])
@Entity('verification_receipts')
@Index('ix_verification_receipts_practitioner', ['practitionerId', 'checkedAt'])
export class VerificationReceipt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_verification_receipts_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ type: 'uuid', nullable: true })
  practitionerId: string | null;

  @Column({ type: 'varchar', length: 10 })
  registerNumber: string;

  @Column({ type: 'varchar', length: 30 })
  outcome: VerificationOutcome;

  /** The signed receipt: what was asked, what was answered, when, and by whom. */
  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  @Column({ type: 'text' })
  signature: string;

  @Column({ type: 'varchar', length: 100 })
  keyId: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  checkedAt: Date;

  /** The audit log entry recording this check: its leaf and inclusion proof come from there. */
  @Column({ type: 'uuid', nullable: true })
  auditEntryId: string | null;
}
