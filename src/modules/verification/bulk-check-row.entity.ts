import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The answer to one row of a bulk check, kept by the requester's Idempotency-Key: a resend gets
 * the same answer (and receipt) for the rows already checked and checks only the rest.
 */
@Entity('bulk_check_rows')
export class BulkCheckRow {
  /** Who asked: `org:<id>`, `user:<id>` or `ip:<address>`, so keys of different requesters never meet. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @PrimaryColumn({ type: 'integer' })
  row: number;

  @Column({ type: 'varchar', length: 64 })
  rowHash: string;

  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
