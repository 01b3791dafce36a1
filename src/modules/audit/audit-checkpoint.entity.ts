import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** A signed C2SP tlog-checkpoint over the first `size` audit entries. Never changed once stored. */
@Entity('audit_checkpoints')
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_audit_checkpoints_size', { unique: true })
  @Column({ type: 'bigint', transformer: bigintNumber })
  size: number;

  /** Hex RFC 6962 root over the first `size` entry hashes. */
  @Column({ type: 'varchar', length: 64 })
  rootHash: string;

  /** The signed note exactly as served. */
  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'varchar', length: 64 })
  kid: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
