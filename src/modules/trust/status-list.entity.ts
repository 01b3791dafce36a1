import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { KeyOwnerType } from './signing-key.entity.js';
import type { StatusPurpose } from './status-list.js';

/**
 * One published Bitstring Status List. Lists come in pairs that share their indexes: the
 * revocation list is the pair's head (its id is what credentials store as `statusListId`, and
 * `pairId = id`); the suspension list has its own id and `pairId` pointing at the head. Only the
 * head holds the allocation state. The bits are derived from the credentials' statuses; `revision`
 * moves (by a trigger on credentials, in the writer's transaction) whenever they may have changed,
 * so a stored signed document older than it is rebuilt on the next read.
 */
@Entity('status_lists')
@Index('ix_status_lists_owner', ['ownerType', 'ownerId', 'purpose'])
@Index('ix_status_lists_pair', ['pairId'])
export class StatusListRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  purpose: StatusPurpose;

  /** Whoever signs the list: it must be the issuer of the credentials it covers. */
  @Column({ type: 'varchar', length: 10 })
  ownerType: KeyOwnerType;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid' })
  pairId: string;

  @Column({ type: 'integer' })
  size: number;

  /** Head only: how many positions have been handed out (indexes are a keyed permutation of them). */
  @Column({ type: 'integer', default: 0 })
  allocated: number;

  /** Head only: the secret that turns positions into random-looking indexes. Never published. */
  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  permutationKey: string | null;

  /** Bumped by the trg_credentials_status_list_* triggers; bigint, so a string in JS. */
  @Column({ type: 'bigint', default: 0 })
  revision: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
