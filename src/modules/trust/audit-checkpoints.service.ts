import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError } from '../../common/errors/app-error.js';
import { trustConfig, type TrustConfig } from '../../config/configuration.js';
import { merkleRoot, verifyChain } from './audit-chain.js';
import { AuditCheckpoint } from './audit-checkpoint.entity.js';
import { entryBody, type PublishedAuditEntry } from './audit-log-verifier.js';
import { AuditEntriesReader } from './audit-entries.reader.js';
import { formatCheckpoint, signCheckpoint } from './checkpoint.js';
import { REGISTRY_OWNER } from './key-owner.js';
import { KeysService } from './keys.service.js';
import { TrustUrls } from './trust-urls.js';

const CHECKPOINT_LOCK = 7140005;

/**
 * Signs C2SP checkpoints of the audit log, on a timer and on demand. Before storing one it
 * re-walks the hash chain since the previous checkpoint and checks that the root over the
 * previous checkpoint's entries is unchanged, so a new checkpoint never contradicts an old one.
 * Checkpoints are not themselves audit events: that would make every checkpoint leave a new
 * entry behind, and the timer would never find the log at rest.
 */
@Injectable()
export class AuditCheckpointsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoints');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(trustConfig.KEY) private readonly config: TrustConfig,
    private readonly keys: KeysService,
    private readonly urls: TrustUrls,
    private readonly reader: AuditEntriesReader,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.checkpointIntervalMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => {
      this.checkpoint().catch((error: unknown) =>
        this.logger.error(
          `Checkpoint failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }, minutes * 60_000);
    // The timer must never keep a finished process (a test, a script) alive.
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The newest checkpoint, or a new one when the log has grown since. */
  async checkpoint(): Promise<AuditCheckpoint> {
    // Outside the transaction: on the embedded database a second connection waits for it to end.
    const signer = await this.keys.signerFor(REGISTRY_OWNER);
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [CHECKPOINT_LOCK]);
      const previous = await this.latestIn(m);
      const hashes = await this.reader.hashes(m);
      const size = hashes.length;
      if (previous && previous.size === size) return previous;
      if (previous && previous.size > size) {
        throw new ConflictError(
          'AUDIT.LOG_SHRANK',
          `The log has ${size} entries but checkpoint ${previous.size} covered more.`,
        );
      }
      await this.checkSince(m, previous, hashes);
      const leaves = hashes.map((h) => Buffer.from(h, 'hex'));
      const rootHash = merkleRoot(leaves);
      const origin = this.urls.checkpointOrigin;
      const body = formatCheckpoint({ origin, size, rootHash, extensions: [] });
      const note = signCheckpoint(body, origin, signer.privateKey);
      return m.save(
        m.create(AuditCheckpoint, {
          size,
          rootHash: rootHash.toString('hex'),
          note,
          kid: signer.kid,
        }),
      );
    });
  }

  async latest(): Promise<AuditCheckpoint> {
    const found = await this.latestIn(this.dataSource.manager);
    return found ?? this.checkpoint();
  }

  async list(page: number, pageSize: number): Promise<{ items: AuditCheckpoint[]; total: number }> {
    const [items, total] = await this.dataSource.manager.findAndCount(AuditCheckpoint, {
      order: { size: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  private latestIn(m: EntityManager): Promise<AuditCheckpoint | null> {
    return m.findOne(AuditCheckpoint, { where: {}, order: { size: 'DESC' } });
  }

  /** Refuses to sign over a chain that is broken since, or contradicts, the previous checkpoint. */
  private async checkSince(
    m: EntityManager,
    previous: AuditCheckpoint | null,
    hashes: string[],
  ): Promise<void> {
    const from = previous ? previous.size : 0;
    if (previous) {
      const root = merkleRoot(hashes.slice(0, previous.size).map((h) => Buffer.from(h, 'hex')));
      if (root.toString('hex') !== previous.rootHash) {
        throw new ConflictError(
          'AUDIT.CHECKPOINT_INCONSISTENT',
          `Entries 1..${previous.size} no longer match the checkpoint signed over them.`,
        );
      }
    }
    const entries: PublishedAuditEntry[] = await this.reader.range(m, from + 1, hashes.length);
    const result = verifyChain(
      entries.map((e) => ({
        seq: e.seq,
        prevHash: e.prevHash ?? '',
        hash: e.hash ?? '',
        event: entryBody(e),
      })),
      { anchorHash: from === 0 ? undefined : hashes[from - 1], firstSeq: from + 1 },
    );
    if (!result.ok) {
      throw new ConflictError(
        'AUDIT.CHAIN_BROKEN',
        `Audit entry ${result.firstBrokenSeq} is broken: ${result.reason}.`,
      );
    }
  }
}
