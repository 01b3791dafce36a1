import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DisputeStatus = 'open' | 'upheld' | 'dismissed';
export const DISPUTE_OUTCOMES = ['upheld', 'dismissed'] as const;

/**
 * A practitioner or employer contests what the register says about a practitioner; the registrar
 * decides it, with a reason. References are by id, indexed, as claims do.
 */
@Entity('disputes')
@Index('ix_disputes_status_created', ['status', 'createdAt'])
export class Dispute {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_disputes_practitioner')
  @Column({ type: 'uuid' })
  practitionerId: string;

  /** The account that raised it. */
  @Index('ix_disputes_raised_by')
  @Column({ type: 'uuid' })
  raisedBy: string;

  @Column({ type: 'varchar', length: 20 })
  raisedByRole: string;

  /** What part of the record it is about, in the raiser's words. */
  @Column({ type: 'varchar', length: 200 })
  about: string;

  @Column({ type: 'varchar', length: 4000 })
  details: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: DisputeStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolution: string | null;

  @Index('ix_disputes_resolved_by')
  @Column({ type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
