import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metricsRegistry } from '../../common/metrics/metrics.js';
import { AuditSequencer } from '../audit/audit-sequencer.service.js';

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const gauge = (name: string, help: string, labelNames: string[] = []) =>
  new Gauge({ name, help, labelNames, registers: [metricsRegistry] });

/** The gauges read at scrape time: pool use, backlogs and the audit log's lag behind the writes. */
@Injectable()
export class MetricsCollector {
  private readonly logger = new Logger(MetricsCollector.name);
  private readonly pool = gauge(
    'db_pool_connections',
    'Database pool connections by state (total, idle, waiting clients)',
    ['state'],
  );
  private readonly outbox = gauge(
    'outbox_backlog_events',
    'Outbox events the webhook dispatcher has not yet fanned out',
  );
  private readonly webhooks = gauge(
    'webhook_backlog_deliveries',
    'Webhook deliveries not yet delivered (pending or retrying)',
  );
  private readonly auditPending = gauge(
    'audit_queue_pending_entries',
    'Audit entries queued but not yet in the log',
  );
  private readonly auditOldest = gauge(
    'audit_sequencer_lag_seconds',
    'Age of the oldest audit entry not yet sequenced into the log',
  );
  private readonly auditCheckpoint = gauge(
    'audit_seconds_since_checkpoint',
    'Seconds since the latest signed audit checkpoint',
  );
  private readonly up = gauge('db_up', '1 when the database answered the last scrape');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sequencer: AuditSequencer,
  ) {}

  async refresh(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master?: PoolCounts }).master;
    if (pool) {
      this.pool.set({ state: 'total' }, pool.totalCount);
      this.pool.set({ state: 'idle' }, pool.idleCount);
      this.pool.set({ state: 'waiting' }, pool.waitingCount);
    }
    try {
      const [row] = await this.dataSource.query<{ outbox: string; webhooks: string }[]>(
        `SELECT (SELECT count(*) FROM outbox_events
                  WHERE seq > coalesce((SELECT last_seq FROM webhook_cursor WHERE id = 1), 0)) AS outbox,
                (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') AS webhooks`,
      );
      this.outbox.set(Number(row.outbox));
      this.webhooks.set(Number(row.webhooks));
      const lag = await this.sequencer.lag();
      this.auditPending.set(lag.pending);
      this.auditOldest.set(lag.oldestPendingSeconds);
      this.auditCheckpoint.set(lag.secondsSinceCheckpoint ?? Number.NaN);
      this.up.set(1);
    } catch (error) {
      this.up.set(0);
      this.logger.warn(
        `Metrics: the database did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
