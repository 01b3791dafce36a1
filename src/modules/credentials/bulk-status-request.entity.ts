import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One bulk status change request by its Idempotency-Key: the status changes it made name it, so a
 * resend reports them as its first run did and applies only the rows not yet done.
 */
@Entity('bulk_status_requests')
@Index('uq_bulk_status_requests_issuer_key', ['issuerId', 'key'], { unique: true })
export class BulkStatusRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  @Column({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
