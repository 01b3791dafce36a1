import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CredentialStatus } from './credential-status.js';

export type ActorType = 'user' | 'api-key' | 'system';

/** Every status change of a credential (issue included), so any past date can be answered. */
@Entity('credential_status_changes')
@Index('ix_credential_status_changes_credential', ['credentialId', 'changedAt'])
// Partial (only bulk changes carry a request), written by its migration.
@Index('ix_credential_status_changes_request', { synchronize: false })
export class CredentialStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  credentialId: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: CredentialStatus | null;

  @Column({ type: 'varchar', length: 20 })
  toStatus: CredentialStatus;

  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'varchar', length: 10 })
  actorType: ActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** The bulk status request that made this change, if one did (its resend finds it). */
  @Column({ type: 'uuid', nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
