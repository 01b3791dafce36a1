import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import { AuditCheckpoint } from './audit-checkpoint.entity.js';
import {
  AUDIT_ENTRY_COLUMNS,
  type AuditEntryRow,
  entryBody,
  toPublishedEntry,
} from './audit-entry-row.js';
import { AuditTreeRepository } from './audit-tree.repository.js';
import {
  consistencyRanges,
  EMPTY_ROOT,
  foldRange,
  inclusionRanges,
  nodeId,
  rangeNodes,
  type Range,
} from './merkle.js';

export interface InclusionProof {
  index: number;
  size: number;
  rootHash: string;
  proof: string[];
}

export interface ConsistencyProof {
  from: number;
  to: number;
  proof: string[];
}

/** Where an audit entry stands: still queued, or in the log with a proof against a checkpoint. */
export type EntryInclusion =
  | { status: 'pending' }
  | {
      status: 'included';
      leafIndex: number;
      /** The entry as its leaf covers it: the leaf hash is SHA-256(0x00 || RFC 8785 form). */
      entry: Record<string, unknown>;
      inclusionProof: InclusionProof;
      checkpoint: string;
    };

/** RFC 9162 inclusion and consistency proofs, folded from the stored complete subtrees. */
@Injectable()
export class AuditProofsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tree: AuditTreeRepository,
  ) {}

  async latestCheckpoint(): Promise<AuditCheckpoint | null> {
    return this.dataSource.manager.findOne(AuditCheckpoint, { where: {}, order: { size: 'DESC' } });
  }

  async inclusion(index: number, size: number): Promise<InclusionProof> {
    const treeSize = (await this.latestCheckpoint())?.size ?? 0;
    if (!(index < size && size <= treeSize)) {
      throw new ValidationError(
        'AUDIT.PROOF_RANGE_INVALID',
        `Need 0 <= index < size <= ${treeSize} (the latest checkpoint's size).`,
        [{ field: index < size ? 'size' : 'index', message: 'out of range' }],
      );
    }
    const [rootHash, ...proof] = await this.hashesOf([
      { start: 0, end: size },
      ...inclusionRanges(index, size),
    ]);
    return { index, size, rootHash: rootHash.toString('hex'), proof: hex(proof) };
  }

  async consistency(from: number, to: number): Promise<ConsistencyProof> {
    const treeSize = (await this.latestCheckpoint())?.size ?? 0;
    if (!(from <= to && to <= treeSize)) {
      throw new ValidationError(
        'AUDIT.PROOF_RANGE_INVALID',
        `Need 1 <= from <= to <= ${treeSize} (the latest checkpoint's size).`,
        [{ field: from <= to ? 'to' : 'from', message: 'out of range' }],
      );
    }
    return { from, to, proof: hex(await this.hashesOf(consistencyRanges(from, to))) };
  }

  /** The proof a receipt carries: its entry's leaf in the latest signed checkpoint. */
  async inclusionOfEntry(entryId: string): Promise<EntryInclusion | null> {
    const [row] = await this.dataSource.query<AuditEntryRow[]>(
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_events WHERE id = $1`,
      [entryId],
    );
    const entry = row ? toPublishedEntry(row) : undefined;
    const checkpoint = entry ? await this.latestCheckpoint() : null;
    if (!entry || !checkpoint || checkpoint.size < entry.seq) {
      const [queued] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM audit_queue WHERE id = $1`,
        [entryId],
      );
      return queued || entry ? { status: 'pending' } : null;
    }
    const leafIndex = entry.seq - 1;
    return {
      status: 'included',
      leafIndex,
      entry: entryBody(entry),
      inclusionProof: await this.inclusion(leafIndex, checkpoint.size),
      checkpoint: checkpoint.note,
    };
  }

  /** The hash of each range, reading every stored node they need in one query. */
  private async hashesOf(ranges: Range[]): Promise<Buffer[]> {
    const keys = ranges.map((r) => (r.end > r.start ? rangeNodes(r.start, r.end) : []));
    const stored = await this.tree.nodes(undefined, keys.flat());
    return keys.map((ks) => {
      if (ks.length === 0) return EMPTY_ROOT;
      return foldRange(
        ks.map((k) => {
          const found = stored.get(nodeId(k.level, k.index));
          if (!found) throw new NotFoundError('AUDIT.NODE_MISSING', 'A tree node is missing.');
          return found;
        }),
      );
    });
  }
}

const hex = (hashes: Buffer[]): string[] => hashes.map((h) => h.toString('hex'));
