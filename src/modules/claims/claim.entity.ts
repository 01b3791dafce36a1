import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { CredentialKind } from '../roles/role-standing.js';

export type ClaimStatus = 'pending' | 'confirmed' | 'rejected' | 'withdrawn';
export type DocumentCheckOutcome = 'genuine' | 'not-genuine' | 'inconclusive';

export interface ClaimCorrections {
  title?: string;
  subject?: string | null;
  level?: number | null;
  result?: string | null;
  awardedOn?: string;
}

export interface DocumentCheck {
  outcome: DocumentCheckOutcome;
  note: string;
  checkedBy: string;
  checkedAt: string;
}

/** A qualification as the practitioner declares it: self-declared until a body or the registrar says otherwise. */
@Index('ix_claims_credential', ['credentialId'])
@Entity('claims')
export class Claim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_claims_practitioner')
  @Column({ type: 'uuid' })
  practitionerId: string;

  @Index('ix_claims_issuer_status')
  @Column({ type: 'uuid', nullable: true })
  issuerId: string | null;

  @Column({ type: 'varchar', length: 200 })
  awardingBody: string;

  /** False when the named body is not a recognised certifying body: flagged to employers. */
  @Column({ type: 'boolean' })
  awardingBodyRecognised: boolean;

  @Column({ type: 'varchar', length: 20 })
  kind: CredentialKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  @Column({ type: 'smallint', nullable: true })
  level: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  result: string | null;

  @Column({ type: 'date' })
  awardedOn: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: ClaimStatus;

  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  corrections: ClaimCorrections | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  credentialId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  documentCheck: DocumentCheck | null;

  /** When the practitioner last corrected this claim while it was pending. */
  @Column({ type: 'timestamptz', nullable: true })
  correctedAt: Date | null;

  /** The rejected claim this one resubmits, corrected: the body sees it is a second attempt. */
  @Index('ix_claims_corrects')
  @Column({ type: 'uuid', nullable: true })
  correctsClaimId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
