import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CompetenceRequirement } from '../roles/route-standing.js';

/** A certifying body's programme, mapped once to the competences it evidences. */
@Entity('programmes')
@Index('uq_programmes_issuer_title', ['issuerId', 'title'], { unique: true })
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'jsonb' })
  competences: CompetenceRequirement[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
