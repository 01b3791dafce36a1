import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import { trustConfig, type TrustConfig } from '../../config/configuration.js';
import { AuditService } from '../audit/audit.service.js';
import { IndexPermutation } from './index-permutation.js';
import { ownerColumns, ownerLabel, type KeyOwner } from './key-owner.js';
import type { StatusPurpose } from './status-list.js';
import { StatusListRecord } from './status-list.entity.js';

export interface StatusAllocation {
  /** Goes in `credentials.status_list_id`: the id of the pair's revocation list. */
  listId: string;
  index: number;
}

export interface StatusListPair {
  revocation: string;
  suspension: string;
}

const ALLOCATION_LOCK = 7140004;
const CREDENTIAL_STATUS: Record<StatusPurpose, string> = {
  revocation: 'revoked',
  suspension: 'suspended',
};

/**
 * Allocates status list indexes and answers questions about single entries. Publishing the signed
 * lists is StatusListPublisher's job.
 */
@Injectable()
export class StatusListsService {
  private readonly permutations = new Map<string, IndexPermutation>();
  private readonly pairs = new Map<string, StatusListPair>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(trustConfig.KEY) private readonly config: TrustConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * `count` distinct, random-looking indexes for credentials about to be issued by `owner`, in the
   * caller's transaction. Lists are per owner because a status list must be signed by the issuer
   * of the credentials it covers (independent verifiers check the two issuers match). Concurrent
   * callers for one owner queue on a transaction-scoped lock; a rollback returns the positions.
   * Pass `ownerOf(credential.issuerId)` from key-owner.ts.
   */
  async allocateMany(
    manager: EntityManager,
    count: number,
    owner: KeyOwner,
  ): Promise<StatusAllocation[]> {
    if (!Number.isInteger(count) || count < 0 || count > 100_000) {
      throw new RangeError('Allocate between 0 and 100000 indexes at a time.');
    }
    if (count === 0) return [];
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
      ALLOCATION_LOCK,
      ownerLabel(owner),
    ]);
    const out: StatusAllocation[] = [];
    while (out.length < count) {
      const head = (await this.openHead(manager, owner)) ?? (await this.createPair(manager, owner));
      const take = Math.min(count - out.length, head.size - head.allocated);
      const permutation = this.permutationOf(head);
      for (let p = head.allocated; p < head.allocated + take; p += 1) {
        out.push({ listId: head.id, index: permutation.permute(p) });
      }
      await manager.update(StatusListRecord, { id: head.id }, { allocated: head.allocated + take });
    }
    return out;
  }

  /** The revocation and suspension list ids for a credential's `statusListId`. */
  async pairOf(listId: string): Promise<StatusListPair> {
    const known = this.pairs.get(listId);
    if (known) return known;
    const rows = await this.dataSource.manager.findBy(StatusListRecord, { pairId: listId });
    const revocation = rows.find((r) => r.purpose === 'revocation');
    const suspension = rows.find((r) => r.purpose === 'suspension');
    if (!revocation || !suspension) throw listNotFound(listId);
    const pair = { revocation: revocation.id, suspension: suspension.id };
    this.pairs.set(listId, pair);
    return pair;
  }

  async find(listId: string): Promise<StatusListRecord | null> {
    return this.dataSource.manager.findOneBy(StatusListRecord, { id: listId });
  }

  /** Whether the credential holding `index` in the list's pair currently has the list's status. */
  async isSet(list: StatusListRecord, index: number): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM credentials WHERE status_list_id = $1 AND status_list_index = $2 AND status = $3`,
      [list.pairId, index, CREDENTIAL_STATUS[list.purpose]],
    );
    return rows.length > 0;
  }

  private permutationOf(head: StatusListRecord): IndexPermutation {
    let permutation = this.permutations.get(head.id);
    if (!permutation) {
      if (!head.permutationKey) throw new Error(`Status list ${head.id} has no permutation key.`);
      permutation = new IndexPermutation(Buffer.from(head.permutationKey, 'hex'), head.size);
      this.permutations.set(head.id, permutation);
    }
    return permutation;
  }

  private openHead(m: EntityManager, owner: KeyOwner): Promise<StatusListRecord | null> {
    const { ownerType, ownerId } = ownerColumns(owner);
    return m
      .createQueryBuilder(StatusListRecord, 'l')
      .addSelect('l.permutationKey')
      .where('l.purpose = :purpose', { purpose: 'revocation' })
      .andWhere('l.ownerType = :ownerType', { ownerType })
      .andWhere(ownerId === null ? 'l.ownerId IS NULL' : 'l.ownerId = :ownerId', { ownerId })
      .andWhere('l.allocated < l.size')
      .orderBy('l.createdAt', 'ASC')
      .getOne();
  }

  private async createPair(m: EntityManager, owner: KeyOwner): Promise<StatusListRecord> {
    const pairId = randomUUID();
    const base = { ...ownerColumns(owner), pairId, size: this.config.statusListSize };
    const head = m.create(StatusListRecord, {
      ...base,
      id: pairId,
      purpose: 'revocation',
      allocated: 0,
      permutationKey: randomBytes(32).toString('hex'),
    });
    const suspension = m.create(StatusListRecord, {
      ...base,
      purpose: 'suspension',
      allocated: 0,
      permutationKey: null,
    });
    await m.save([head, suspension]);
    await this.audit.record(m, {
      action: 'trust.status-lists-created',
      actorType: 'system',
      actorId: null,
      entityType: 'status-list',
      entityId: pairId,
      data: { ...ownerColumns(owner), revocation: head.id, suspension: suspension.id },
    });
    return head;
  }
}

function listNotFound(listId: string): NotFoundError {
  return new NotFoundError('TRUST.STATUS_LIST_NOT_FOUND', `No status list ${listId}.`);
}
