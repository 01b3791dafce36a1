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
import type { CompetenceRequirement } from '../roles/route-standing.js';
import type { CredentialStatus } from './credential-status.js';

/** How we know a credential is real, shown wherever it appears. Claims are never credentials. */
export type Provenance =
  'issued' | 'confirmed-by-awarding-body' | 'document-checked' | 'assessed-portfolio';
export const CREDENTIAL_KINDS: CredentialKind[] = ['degree', 'certificate', 'registration', 'cpd'];

@Index('ix_credentials_claim', ['claimId'])
@Index('ix_credentials_issuer_created', ['issuerId', 'createdAt', 'id'])
@Entity('credentials')
@Index('uq_credentials_issuer_reference', ['issuerId', 'issuerReference'], { unique: true })
@Index('uq_credentials_status_list', ['statusListId', 'statusListIndex'], { unique: true })
// Partial (revoked and suspended only, what a status list is signed from), written by its migration.
@Index('ix_credentials_status_list_flagged', { synchronize: false })
export class Credential {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_credentials_practitioner')
  @Column({ type: 'uuid' })
  practitionerId: string;

  /** The recognised body that issued or confirmed it; null only for a registrar's document check. */
  @Index('ix_credentials_issuer')
  @Column({ type: 'uuid', nullable: true })
  issuerId: string | null;

  /** The awarding body's name as recorded (for a recognised issuer, its name at the time). */
  @Column({ type: 'varchar', length: 200 })
  awardingBody: string;

  /** The issuer's own reference for the award: makes a resent bulk file safe. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  issuerReference: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind: CredentialKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  /** RQF/FHEQ level 1-8 (bachelor 6, master 7, doctorate 8). */
  @Column({ type: 'smallint', nullable: true })
  level: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  result: string | null;

  @Column({ type: 'numeric', precision: 6, scale: 1, nullable: true, transformer: numeric() })
  cpdHours: number | null;

  @Column({ type: 'date' })
  awardedOn: string;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: CredentialStatus;

  @Column({ type: 'varchar', length: 30 })
  provenance: Provenance;

  /** The programme it was awarded for, whose competence mapping it carries. */
  @Index('ix_credentials_programme')
  @Column({ type: 'uuid', nullable: true })
  programmeId: string | null;

  /** The competences it evidences: its programme's mapping at issue, or an assessment's. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  competences: CompetenceRequirement[];

  /** The claim it came from, when a practitioner declared it first. */
  @Column({ type: 'uuid', nullable: true })
  claimId: string | null;

  /** Its entry in a Bitstring Status List (one index serves the revocation and suspension lists). */
  @Column({ type: 'uuid', nullable: true })
  statusListId: string | null;

  @Column({ type: 'integer', nullable: true })
  statusListIndex: number | null;

  /** The holder's consent to a public verification page at /credentials/<id>. */
  @Column({ type: 'boolean', default: false })
  publicPage: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic lock: two concurrent status changes cannot both win. */
  @VersionColumn()
  version: number;
}

function numeric() {
  return {
    to: (v: number | null) => v,
    from: (v: string | null) => (v === null ? null : Number(v)),
  };
}
