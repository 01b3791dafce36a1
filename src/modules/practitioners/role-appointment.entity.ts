import {
  Column,
  Index,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Practitioner } from './practitioner.entity.js';

@Index('ix_role_appointments_practitioner', ['practitionerId'])
@Entity('role_appointments')
export class RoleAppointment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @ManyToOne(() => Practitioner, (p) => p.appointments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practitioner_id' })
  practitioner: Relation<Practitioner>;

  @Column({ type: 'varchar', length: 20 })
  roleCode: string;

  @Column({ type: 'varchar', length: 200 })
  organisation: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date', nullable: true })
  endDate: string | null;
}
