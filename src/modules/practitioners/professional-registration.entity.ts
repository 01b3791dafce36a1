import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { RegistrationBody } from './professional-registration.js';
import { Practitioner } from './practitioner.entity.js';

/** An entry on an external register (GMC, NMC, HCPC, GPhC) as the practitioner declared it. */
@Index('ix_professional_registrations_practitioner', ['practitionerId'])
@Entity('professional_registrations')
@Index('uq_professional_registrations_body_number', ['body', 'number'], { unique: true })
export class ProfessionalRegistration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @ManyToOne(() => Practitioner, (p) => p.registrations, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practitioner_id' })
  practitioner: Relation<Practitioner>;

  @Column({ type: 'varchar', length: 10 })
  body: RegistrationBody;

  @Column({ type: 'varchar', length: 20 })
  number: string;

  /** As declared; we never claim to have checked the external register. */
  @Column({ type: 'boolean', default: true })
  current: boolean;
}
