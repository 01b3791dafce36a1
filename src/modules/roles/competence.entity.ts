import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A skill from a published capability framework, loaded as data with its source and licence. */
@Entity('competences')
export class Competence {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  framework: string;

  @Column({ type: 'varchar', length: 40 })
  frameworkVersion: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 300 })
  sourceUrl: string;

  @Column({ type: 'text' })
  licence: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
