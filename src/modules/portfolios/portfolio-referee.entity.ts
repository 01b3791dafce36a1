import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RefereeKind = 'register' | 'employer';
export type RefereeAnswer = 'confirmed' | 'declined';

/**
 * A referee: someone on the register, or staff of a verified employer. Asked by a single-use link
 * whose token only the mail holds (its SHA-256 is kept); the answer is kept with when it came.
 */
@Entity('portfolio_referees')
@Index('uq_portfolio_referees_token', ['tokenHash'], { unique: true })
export class PortfolioReferee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_portfolio_referees_portfolio')
  @Column({ type: 'uuid' })
  portfolioId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: RefereeKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Where the request went: the account's own address, never one the applicant typed. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 300 })
  relationship: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  registerNumber: string | null;

  @Index('ix_portfolio_referees_organisation')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  tokenHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  tokenExpiresAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  answer: RefereeAnswer | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
