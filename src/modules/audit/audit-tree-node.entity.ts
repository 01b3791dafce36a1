import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * The hash of one complete subtree: leaves [nodeIndex·2^level, (nodeIndex+1)·2^level). Level 0
 * rows are the leaf hashes. Tiles are read straight from levels 0, 8, 16…; proofs fold a few rows.
 * Append-only, like the log.
 */
@Entity('audit_tree_nodes')
export class AuditTreeNode {
  @PrimaryColumn({ type: 'smallint' })
  level: number;

  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber })
  nodeIndex: number;

  @Column({ type: 'bytea' })
  hash: Buffer;
}
