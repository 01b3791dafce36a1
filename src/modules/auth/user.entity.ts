import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type UserRole = 'registrar' | 'issuer' | 'practitioner' | 'employer';
export const USER_ROLES: UserRole[] = ['registrar', 'issuer', 'practitioner', 'employer'];

@Index('ix_users_practitioner', ['practitionerId'])
@Index('ix_users_issuer', ['issuerId'])
@Index('ix_users_organisation', ['organisationId'])
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: UserRole;

  @Column({ type: 'uuid', nullable: true })
  practitionerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  issuerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** Bumped on logout and password change: tokens carrying an older version stop working. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  /** When the owner followed the confirmation link; null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  emailConfirmedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
