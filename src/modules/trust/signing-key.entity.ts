import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Ed25519PublicJwk } from './key-material.js';

export type KeyOwnerType = 'registry' | 'issuer';

/**
 * An Ed25519 signing key of the registry or of one certifying body. Retired keys stay: they are
 * still published so that what they signed inside their window keeps verifying.
 */
@Entity('signing_keys')
@Index('ix_signing_keys_owner', ['ownerType', 'ownerId'])
export class SigningKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 10 })
  ownerType: KeyOwnerType;

  /** The issuer's id; null for the registry's own keys. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  /** RFC 7638 thumbprint of the public JWK. */
  @Index('uq_signing_keys_kid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ type: 'jsonb' })
  publicJwk: Ed25519PublicJwk;

  /** AES-256-GCM envelope of the 32-byte seed under the key-encryption key, bound to the kid. */
  @Column({ type: 'text', select: false })
  encryptedPrivateKey: string;

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  /** When a newer key took over; it signs nothing after this. */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
