import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * The single row (id 1) that says who sequences and how big the tree is. Every batch locks and
 * renews it in its own transaction, so two instances can never integrate at once, and a holder
 * that dies is replaced once `leaseExpiresAt` passes.
 */
@Entity('audit_sequencer')
export class AuditSequencerState {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  holder: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  treeSize: number;
}
