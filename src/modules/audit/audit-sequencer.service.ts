import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import {
  auditConfig,
  type AuditConfig,
  databaseConfig,
  type DatabaseConfig,
} from '../../config/configuration.js';
import { AuditBatchWriter, type Frontier, type QueuedRow } from './audit-batch-writer.js';
import { type CheckpointKey, CheckpointSigner } from './checkpoint-signer.js';

const DEDICATED_FROM_POOL_SIZE = 4;

/** How far the log lags the writes, for /health/ready. */
export interface SequencerLag {
  pending: number;
  oldestPendingSeconds: number;
  secondsSinceCheckpoint: number | null;
  treeSize: number;
  sequencer: { holder: string | null; leaseExpiresAt: string | null; thisInstance: string };
}

/** What one attempt did: integrated n entries, found nothing, or saw another instance's lease. */
export type TickResult =
  { leader: true; integrated: number; frontier?: Frontier } | { leader: false };

/**
 * Moves queued audit entries into the Merkle log in batches and signs a checkpoint after each,
 * every `sequencerIntervalMs` (at once again when a batch was full). Exactly one instance
 * sequences: each batch transaction first takes or renews the lease row, which both fences a
 * holder whose lease has passed and serialises two instances that try at the same moment. A
 * holder that dies mid-batch leaves nothing behind (its transaction rolls back) and is replaced
 * when its lease expires.
 */
@Injectable()
export class AuditSequencer implements OnApplicationBootstrap, OnModuleDestroy {
  readonly instanceId = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly logger = new Logger('AuditSequencer');
  private stopping = false;
  private signedOnce = false;
  private runner: QueryRunner | undefined;
  private frontier: Frontier | undefined;
  private key: { key: CheckpointKey; until: number } | undefined;
  private lastTick: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private readonly idle = new AbortController();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(auditConfig.KEY) private readonly config: AuditConfig,
    @Inject(databaseConfig.KEY) private readonly database: DatabaseConfig,
    private readonly signer: CheckpointSigner,
    private readonly writer: AuditBatchWriter,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  /** Lets the batch in flight commit (or roll back) whole, then hands the lease back. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.idle.abort();
    await this.loop;
    await this.lastTick;
    await (this.runner ?? this.dataSource)
      .query(
        `UPDATE audit_sequencer SET holder = NULL, lease_expires_at = NULL WHERE id = 1 AND holder = $1`,
        [this.instanceId],
      )
      .catch(() => undefined);
    await this.releaseConnection();
  }

  async lag(): Promise<SequencerLag> {
    const [row] = await this.dataSource.query<
      {
        pending: string;
        oldest: number | null;
        since: number | null;
        tree_size: string;
        holder: string | null;
        lease_expires_at: Date | null;
      }[]
    >(
      `SELECT (SELECT count(*) FROM audit_queue) AS pending,
              (SELECT extract(epoch FROM now() - min(occurred_at))::float8 FROM audit_queue) AS oldest,
              (SELECT extract(epoch FROM now() - max(created_at))::float8 FROM audit_checkpoints) AS since,
              s.tree_size, s.holder, s.lease_expires_at
         FROM audit_sequencer s WHERE s.id = 1`,
    );
    return {
      pending: Number(row.pending),
      oldestPendingSeconds: Math.max(0, row.oldest ?? 0),
      secondsSinceCheckpoint: row.since === null ? null : Math.max(0, row.since),
      treeSize: Number(row.tree_size),
      sequencer: {
        holder: row.holder,
        leaseExpiresAt: row.lease_expires_at ? new Date(row.lease_expires_at).toISOString() : null,
        thisInstance: this.instanceId,
      },
    };
  }

  /** Integrates everything queued before the call, here or by the instance holding the lease. */
  async flush(timeoutMs = 15_000): Promise<void> {
    const [{ last }] = await this.dataSource.query<{ last: string | null }[]>(
      `SELECT max(queued_seq) AS last FROM audit_queue`,
    );
    if (last === null) return;
    const until = Date.now() + timeoutMs;
    for (;;) {
      const result = await this.tick();
      const [{ waiting }] = await this.dataSource.query<{ waiting: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM audit_queue WHERE queued_seq <= $1) AS waiting`,
        [last],
      );
      if (!waiting) return;
      if (Date.now() > until) throw new Error('The audit sequencer did not catch up in time.');
      if (!result.leader) await sleep(100);
    }
  }

  /** One batch in one transaction; batches of this instance never overlap. */
  tick(): Promise<TickResult> {
    const next = this.lastTick.then(() => this.batch());
    this.lastTick = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs on a connection of its own, held for the app's life: under load a batch must not queue
   * for the pool behind the very requests whose entries it is waiting to integrate. A tiny pool
   * cannot spare one, so there the connection goes back after each batch.
   */
  private async connection(): Promise<QueryRunner> {
    if (this.runner && !this.runner.isReleased) return this.runner;
    this.runner = this.dataSource.createQueryRunner();
    await this.runner.connect();
    return this.runner;
  }

  private async releaseConnection(): Promise<void> {
    await this.runner?.release().catch(() => undefined);
    this.runner = undefined;
  }

  /** Lease, queue rows out, leaves and nodes in, checkpoint: all or nothing. */
  private async batch(): Promise<TickResult> {
    if (!this.signer.ready) return { leader: false };
    // Before taking the connection and the transaction: reading the key may create it (which
    // records an audit entry), and with a pool of one it must not wait behind our own connection.
    // Kept a few seconds: a batch is a few round trips, and a rotated key is picked up soon.
    if (!this.key || this.key.until < Date.now()) {
      this.key = { key: await this.signer.key(this.runner?.manager), until: Date.now() + 10_000 };
    }
    const key = this.key.key;
    const runner = await this.connection();
    const m = runner.manager;
    await runner.startTransaction();
    try {
      const result = await this.integrateNext(m, key);
      await runner.commitTransaction();
      if (this.database.poolSize < DEDICATED_FROM_POOL_SIZE) await this.releaseConnection();
      // Only a committed frontier may seed the next batch.
      if (result.leader && result.frontier) this.frontier = result.frontier;
      return result;
    } catch (error) {
      this.frontier = undefined;
      await runner.rollbackTransaction().catch(() => undefined);
      // A connection that failed mid-batch may be broken: take a fresh one next time.
      await this.releaseConnection();
      throw error;
    }
  }

  private async integrateNext(m: EntityManager, key: CheckpointKey): Promise<TickResult> {
    // Lease and queue rows in one round trip: no lease, no rows.
    const rows = await m.query<(QueuedRow & { tree_size: string })[]>(
      `WITH lease AS (
         UPDATE audit_sequencer
            SET holder = $1, lease_expires_at = now() + make_interval(secs => $2)
          WHERE id = 1 AND (holder = $1 OR holder IS NULL OR lease_expires_at < now())
         RETURNING tree_size),
       taken AS (
         DELETE FROM audit_queue
          WHERE EXISTS (SELECT 1 FROM lease) AND queued_seq IN (
            SELECT queued_seq FROM audit_queue ORDER BY queued_seq LIMIT $3)
         RETURNING queued_seq, id, occurred_at, action, actor_type, actor_id, entity_type,
                   entity_id, data, correlation_id)
       SELECT lease.tree_size, taken.* FROM lease LEFT JOIN taken ON true ORDER BY taken.queued_seq`,
      [this.instanceId, this.config.leaseSeconds, this.config.sequencerBatch],
    );
    if (rows.length === 0) return { leader: false };
    const treeSize = Number(rows[0].tree_size);
    const taken = rows.filter((r) => r.id !== null);
    if (taken.length === 0 && (this.signedOnce || (await this.hasCheckpoint(m)))) {
      this.signedOnce = true;
      return { leader: true, integrated: 0 };
    }
    const frontier = await this.writer.integrate(m, treeSize, taken, key, this.frontier);
    return { leader: true, integrated: taken.length, frontier };
  }

  /** An empty log still gets a checkpoint (size 0), so there is always one to serve. */
  private async hasCheckpoint(m: EntityManager): Promise<boolean> {
    const [row] = await m.query<unknown[]>(`SELECT 1 FROM audit_checkpoints LIMIT 1`);
    return row !== undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let full = false;
      try {
        const result = await this.tick();
        full = result.leader && result.integrated === this.config.sequencerBatch;
      } catch (error) {
        if (this.stopping) return;
        this.logger.error(
          `Batch failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (!full) {
        await sleep(this.config.sequencerIntervalMs, undefined, {
          signal: this.idle.signal,
          ref: false,
        }).catch(() => undefined);
      }
    }
  }
}
