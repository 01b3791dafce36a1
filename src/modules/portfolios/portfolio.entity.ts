import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type PortfolioStatus = 'draft' | 'submitted' | 'certified' | 'not-certified';

export interface RoleHeld {
  title: string;
  organisation: string;
  from: string;
  to: string | null;
  scope: string;
}

export interface EvidenceItem {
  title: string;
  description: string;
}

export interface PortfolioDecision {
  outcome: 'certified' | 'not-certified';
  reasons: string;
  assessedBy: string;
  assessedAt: string;
}

/** An experience-route portfolio: roles held, evidence, referees, then a body's assessment. */
@Entity('portfolios')
export class Portfolio {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_portfolios_practitioner')
  @Column({ type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'varchar', length: 20 })
  roleCode: string;

  /** The recognised body asked to assess it. */
  @Index('ix_portfolios_assessor')
  @Column({ type: 'uuid' })
  assessorIssuerId: string;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: PortfolioStatus;

  @Column({ type: 'jsonb' })
  rolesHeld: RoleHeld[];

  @Column({ type: 'jsonb' })
  evidence: EvidenceItem[];

  @Column({ type: 'jsonb', nullable: true })
  decision: PortfolioDecision | null;

  @Index('ix_portfolios_credential')
  @Column({ type: 'uuid', nullable: true })
  credentialId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
