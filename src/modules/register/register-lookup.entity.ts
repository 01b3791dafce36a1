import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in employer read a public entry: the practitioner may see who looked. */
@Index('ix_register_lookups_organisation', ['organisationId'])
@Entity('register_lookups')
@Index('ix_register_lookups_practitioner', ['practitionerId', 'lookedUpAt'])
export class RegisterLookup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  lookedUpAt: Date;
}
