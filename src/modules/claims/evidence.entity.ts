import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A document (degree certificate etc.) attached to a claim. Never public. */
@Index('ix_evidence_practitioner', ['practitionerId'])
@Entity('evidence')
export class Evidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_evidence_claim')
  @Column({ type: 'uuid' })
  claimId: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 50 })
  mediaType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Where the bytes are kept, relative to the storage directory. */
  @Column({ type: 'varchar', length: 300 })
  storageKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
