import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CredentialRequirement } from './role-standing.js';
import type { CompetenceRequirement } from './route-standing.js';

/** One version of a role's standard, in force from its date until the next version's. */
@Entity('role_standards')
@Index('uq_role_standards_role_version', ['roleCode', 'version'], { unique: true })
@Index('uq_role_standards_role_effective', ['roleCode', 'effectiveFrom'], { unique: true })
export class RoleStandard {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  roleCode: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'jsonb' })
  competences: CompetenceRequirement[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  qualifications: CredentialRequirement[];

  @Column({ type: 'jsonb', nullable: true })
  clinicalRoute: { competences: CompetenceRequirement[] } | null;

  @Column({ type: 'boolean', default: false })
  professionalRegistration: boolean;

  @Column({ type: 'integer', default: 0 })
  cpdHoursPerYear: number;

  @Column({ type: 'integer', default: 365 })
  graceDays: number;

  @Column({ type: 'text', default: '' })
  note: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
