import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A name a practitioner was known by on the register, from when to when (to is null for the name
 * in use now), with the reason it changed: a past entry, an extract or a receipt reads the name
 * as it stood then.
 */
@Entity('practitioner_names')
@Index('ix_practitioner_names_practitioner', ['practitionerId', 'validFrom'])
export class PractitionerName {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'varchar', length: 100 })
  givenName: string;

  @Column({ type: 'varchar', length: 100 })
  familyName: string;

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validTo: Date | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
