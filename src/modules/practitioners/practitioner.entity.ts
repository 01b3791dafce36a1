import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { RegisterStatus } from '../roles/role-standing.js';
import { ProfessionalRegistration } from './professional-registration.entity.js';
import { RoleAppointment } from './role-appointment.entity.js';

export interface Visibility {
  /** Shown in register search results at all (the entry itself stays reachable by number). */
  listed: boolean;
  formerNames: boolean;
  appointments: boolean;
  professionalRegistrations: boolean;
}

export const DEFAULT_VISIBILITY: Visibility = {
  listed: true,
  formerNames: false,
  appointments: true,
  professionalRegistrations: true,
};

@Entity('practitioners')
export class Practitioner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_practitioners_register_number', { unique: true })
  @Column({ type: 'varchar', length: 10 })
  registerNumber: string;

  @Column({ type: 'varchar', length: 100 })
  givenName: string;

  @Column({ type: 'varchar', length: 100 })
  familyName: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  formerNames: string[];

  /** Never public: used only to confirm a share code redemption. */
  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 30, default: 'registered' })
  registerStatus: RegisterStatus;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'text', nullable: true })
  conditions: string | null;

  // Written as PostgreSQL prints a jsonb default, so the migration drift check sees no change.
  @Column({
    type: 'jsonb',
    default: () =>
      `'{"listed": true, "formerNames": false, "appointments": true, "professionalRegistrations": true}'`,
  })
  visibility: Visibility;

  @OneToMany(() => ProfessionalRegistration, (r) => r.practitioner, { cascade: true })
  registrations: Relation<ProfessionalRegistration>[];

  @OneToMany(() => RoleAppointment, (a) => a.practitioner, { cascade: true })
  appointments: Relation<RoleAppointment>[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
