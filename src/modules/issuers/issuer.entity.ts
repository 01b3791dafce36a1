import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type IssuerKind = 'university' | 'professional-body' | 'academy';
export const ISSUER_KINDS: IssuerKind[] = ['university', 'professional-body', 'academy'];
export type IssuerStatus = 'recognised' | 'suspended';

/** A certifying body recognised by the registrar. */
@Entity('issuers')
export class Issuer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Other names the body is known by, so claims that spell it differently still find it. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: 'varchar', length: 30 })
  kind: IssuerKind;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  @Column({ type: 'varchar', length: 20, default: 'recognised' })
  status: IssuerStatus;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
