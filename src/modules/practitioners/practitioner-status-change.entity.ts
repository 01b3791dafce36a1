import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RegisterStatus } from '../roles/role-standing.js';

/** Every change of register status, so the register can be answered as it stood on any date. */
@Entity('practitioner_status_changes')
@Index('ix_practitioner_status_changes_practitioner', ['practitionerId', 'changedAt'])
export class PractitionerStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  fromStatus: RegisterStatus | null;

  @Column({ type: 'varchar', length: 30 })
  toStatus: RegisterStatus;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  conditions: string | null;

  @Column({ type: 'uuid', nullable: true })
  changedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
