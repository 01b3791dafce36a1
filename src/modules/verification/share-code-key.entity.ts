import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key share codes are hashed with, sealed under the KEK. The newest hashes new codes; older ones
 * still find the codes hashed with them, so a rotation voids no live code.
 */
@Entity('share_code_keys')
export class ShareCodeKey {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  keySealed: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
