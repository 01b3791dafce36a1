import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A successful redemption: shown to the practitioner, and what lets an employer watch them. */
@Index('ix_share_code_uses_organisation', ['organisationId'])
@Entity('share_code_uses')
@Index('ix_share_code_uses_code', ['shareCodeId'])
@Index('ix_share_code_uses_practitioner', ['practitionerId', 'usedAt'])
export class ShareCodeUse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  shareCodeId: string;

  @Column({ type: 'uuid' })
  practitionerId: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  usedAt: Date;
}
