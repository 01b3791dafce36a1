import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The Data Integrity form of a credential, signed on first request and kept: signing costs
 * ~25 ms, too slow to redo per request or inline in a bulk issue. `digest` covers the unsigned
 * document, so any change to what the credential says (renewal, corrected record) re-signs it.
 */
@Entity('signed_credentials')
export class SignedCredential {
  @PrimaryColumn({ type: 'uuid' })
  credentialId: string;

  @Column({ type: 'varchar', length: 64 })
  digest: string;

  @Column({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
