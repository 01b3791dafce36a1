import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_api_keys_issuer')
  @Column({ type: 'uuid' })
  issuerId: string;

  /** The first characters of the key, so people can tell keys apart; never enough to use it. */
  @Column({ type: 'varchar', length: 20 })
  hint: string;

  /** SHA-256 of the whole key: the key has 256 random bits, so a fast hash is safe. */
  @Index('uq_api_keys_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  label: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
