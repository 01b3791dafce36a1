import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { XID_HORIZON } from '../outbox/outbox-horizon.js';
import { httpConfig, type HttpConfig } from '../../config/configuration.js';
import { limitsConfig, type LimitsConfig } from '../../config/limits.config.js';
import { MailService } from '../mail/mail.service.js';
import { describeWatchedChange, watchedPersonChangedMail } from '../mail/notification-mails.js';
import { StandingService } from '../credentials/standing.service.js';
import { SecretBox, watchListContext } from '../trust/secret-box.js';
import {
  MAX_WEBHOOK_ATTEMPTS,
  retryDelaySeconds,
  signWebhook,
  WEBHOOK_SIGNATURE_HEADER,
} from './webhook-signature.js';
import { postWebhook } from './webhook-transport.js';

const FAN_OUT_BATCH = 200;
const DELIVERY_BATCH = 10;

interface OutboxRow {
  id: string;
  xid: string;
  seq: string;
  type: string;
  practitioner_id: string;
  data: Record<string, unknown>;
  created_at: Date;
}

interface WatchRow {
  id: string;
  practitioner_id: string;
  register_number: string;
  purpose: string;
  webhook_url: string | null;
  /** Whom to mail each change, when they opted in; else null. */
  notify_email: string | null;
  standings: Record<string, string>;
}

interface DueRow {
  id: string;
  payload: Record<string, unknown>;
  event_id: string;
  event_type: string;
  attempts: number;
  webhook_url: string;
  watch_list_id: string;
  secret_sealed: string;
}

/** A stable id for an event derived from another (the same inputs always give the same id). */
function derivedEventId(source: string, part: string): string {
  const hex = createHash('sha256').update(`${source}:${part}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Turns outbox rows into per-watch-list events (plus role-standing changes it derives), and posts
 * due events to webhooks. Each step claims its rows with FOR UPDATE SKIP LOCKED, so any number of
 * app instances can run it side by side without sending an event twice at the same time.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  // Recording events and posting them run apart: receivers that are slow or down (each call may
  // take the whole timeout) must not hold back recording the next events for every watch-list.
  private fanningOut?: Promise<void>;
  private delivering?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
    private readonly standings: StandingService,
    private readonly secrets: SecretBox,
    private readonly mail: MailService,
    @Inject(httpConfig.KEY) private readonly http: HttpConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.limits.webhookDispatcherEnabled) return;
    const warn = (error: unknown) =>
      this.logger.warn(
        `Webhook dispatch failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    this.timer = setInterval(() => {
      this.fanningOut ??= this.fanOutAll()
        .catch(warn)
        .finally(() => (this.fanningOut = undefined));
      this.delivering ??= this.deliverDue()
        .catch(warn)
        .finally(() => (this.delivering = undefined));
    }, this.limits.webhookIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.fanningOut, this.delivering]);
  }

  /**
   * Rounds back to back while each finds a full batch: a bulk upload leaves thousands of events,
   * and one round per tick kept later events (another employer's) waiting behind them for minutes.
   */
  private async fanOutAll(): Promise<void> {
    while ((await this.fanOut()) === FAN_OUT_BATCH) {
      // next round at once
    }
  }

  /**
   * Everything slow (reading, recomputing standings) happens before the short transaction that
   * claims the cursor; if another instance moved the cursor meanwhile, this round is dropped.
   * Returns how many events it read.
   */
  private async fanOut(): Promise<number> {
    const [cursor] = await this.dataSource.query<{ last_xid: string; last_seq: string }[]>(
      `SELECT last_xid::text, last_seq::text FROM webhook_cursor WHERE id = 1`,
    );
    if (!cursor) return 0;
    const events = await this.dataSource.query<OutboxRow[]>(
      // (xid, seq) order below the running transactions: a late commit is not skipped.
      `SELECT id, xid::text, seq::text, type, practitioner_id, data, created_at FROM outbox_events
        WHERE (xid, seq) > ($1::bigint, $2::bigint) AND xid < ${XID_HORIZON}
        ORDER BY xid, seq LIMIT $3`,
      [cursor.last_xid, cursor.last_seq, FAN_OUT_BATCH],
    );
    if (events.length === 0) return 0;
    const watches = await this.dataSource.query<(WatchRow & { created_at: Date })[]>(
      `SELECT w.id, w.practitioner_id, p.register_number, w.purpose, w.webhook_url, w.standings, w.created_at,
              CASE WHEN w.email_notices THEN u.email END AS notify_email
         FROM watch_lists w JOIN practitioners p ON p.id = w.practitioner_id
         LEFT JOIN users u ON u.id = w.created_by
        WHERE w.cancelled_at IS NULL AND w.practitioner_id = ANY($1::uuid[])`,
      [[...new Set(events.map((e) => e.practitioner_id))]],
    );
    const today = new Date().toISOString().slice(0, 10);
    const standings = new Map<string, Record<string, string>>();
    for (const practitionerId of new Set(watches.map((w) => w.practitioner_id))) {
      const now = await this.standings.standingsFor(practitionerId, today);
      standings.set(
        practitionerId,
        Object.fromEntries(now.map((s) => [s.role.code, s.result.standing])),
      );
    }
    return this.dataSource.transaction(async (m) => {
      const [locked] = await m.query<{ last_seq: string }[]>(
        `SELECT last_seq FROM webhook_cursor
          WHERE id = 1 AND last_xid = $1 AND last_seq = $2 FOR UPDATE SKIP LOCKED`,
        [cursor.last_xid, cursor.last_seq],
      );
      // Another instance has this round: leave the rest to the next tick.
      if (!locked) return 0;
      for (const event of events) {
        const watching = watches.filter(
          (w) => w.practitioner_id === event.practitioner_id && w.created_at <= event.created_at,
        );
        for (const watch of watching) {
          await this.record(m, watch, event.id, event.type, event.created_at, event.data);
        }
      }
      await this.recordStandingChanges(m, events, watches, standings);
      const last = events.at(-1);
      await m.query(`UPDATE webhook_cursor SET last_xid = $1, last_seq = $2 WHERE id = 1`, [
        last?.xid,
        last?.seq,
      ]);
      return events.length;
    });
  }

  /** Role standing is not in the outbox: compare it with what each watch-list last heard. */
  private async recordStandingChanges(
    m: EntityManager,
    events: OutboxRow[],
    watches: WatchRow[],
    standings: Map<string, Record<string, string>>,
  ): Promise<void> {
    for (const watch of watches) {
      const now = standings.get(watch.practitioner_id);
      const last = events.filter((e) => e.practitioner_id === watch.practitioner_id).at(-1);
      if (!now || !last) continue;
      for (const [role, standing] of Object.entries(now)) {
        const before = watch.standings[role] ?? 'not-certified';
        if (before === standing) continue;
        const data = { role, from: before, to: standing };
        const id = derivedEventId(last.id, role);
        await this.record(m, watch, id, 'role-standing.changed', last.created_at, data);
      }
      await m.query(`UPDATE watch_lists SET standings = $2 WHERE id = $1`, [
        watch.id,
        JSON.stringify(now),
      ]);
    }
  }

  private async record(
    m: EntityManager,
    watch: WatchRow,
    eventId: string,
    type: string,
    at: Date,
    data: Record<string, unknown>,
  ): Promise<void> {
    const payload = {
      id: eventId,
      type,
      occurredAt: at.toISOString(),
      registerNumber: watch.register_number,
      purpose: watch.purpose,
      watchListId: watch.id,
      data,
    };
    const inserted = await m.query<unknown[]>(
      `INSERT INTO webhook_deliveries (watch_list_id, event_id, event_type, payload, status)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (watch_list_id, event_id) DO NOTHING RETURNING id`,
      [
        watch.id,
        eventId,
        type,
        JSON.stringify(payload),
        watch.webhook_url ? 'pending' : 'feed-only',
      ],
    );
    // Queued with the delivery row, in the same transaction: mailed once, and the mail
    // dispatcher retries it like any other mail.
    if (watch.notify_email && inserted.length > 0) {
      await this.mail.queue(
        m,
        watchedPersonChangedMail(
          watch.notify_email,
          {
            registerNumber: watch.register_number,
            purpose: watch.purpose,
            change: describeWatchedChange(type, data),
          },
          `${this.base()}/employer/watch-lists/${watch.id}`,
        ),
      );
    }
  }

  private base(): string {
    return (this.http.publicUrl ?? `http://${this.http.host}:${this.http.port}`).replace(/\/$/, '');
  }

  /**
   * Claims due deliveries with a lease (SKIP LOCKED, then next_attempt_at moved past the calls), so
   * no transaction stays open while a receiver is slow and no other instance sends the same ones.
   */
  private async deliverDue(): Promise<void> {
    const leaseSeconds = Math.ceil(this.limits.webhookTimeoutMs / 1000) * DELIVERY_BATCH + 30;
    const due = await this.dataSource.transaction(async (m) => {
      const rows = await m.query<DueRow[]>(
        `SELECT d.id, d.payload, d.event_id, d.event_type, d.attempts, w.webhook_url, w.id AS watch_list_id,
                w.secret_sealed
           FROM webhook_deliveries d JOIN watch_lists w ON w.id = d.watch_list_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND w.cancelled_at IS NULL AND w.webhook_url IS NOT NULL
          ORDER BY d.next_attempt_at, d.seq LIMIT $1
          FOR UPDATE OF d SKIP LOCKED`,
        [DELIVERY_BATCH],
      );
      if (rows.length > 0) {
        await m.query(
          `UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2) WHERE id = ANY($1::uuid[])`,
          [rows.map((r) => r.id), leaseSeconds],
        );
      }
      return rows;
    });
    // In order within a watch-list; watch-lists side by side, so one slow receiver delays no other.
    const byWatchList = new Map<string, DueRow[]>();
    for (const delivery of due) {
      byWatchList.set(delivery.watch_list_id, [
        ...(byWatchList.get(delivery.watch_list_id) ?? []),
        delivery,
      ]);
    }
    await Promise.all(
      [...byWatchList.values()].map(async (deliveries) => {
        for (const delivery of deliveries) await this.attempt(delivery);
      }),
    );
  }

  private async attempt(delivery: DueRow): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await postWebhook({
        url: delivery.webhook_url,
        headers: {
          'content-type': 'application/json',
          'x-registry-event-id': delivery.event_id,
          'x-registry-event-type': delivery.event_type,
          [WEBHOOK_SIGNATURE_HEADER.toLowerCase()]: signWebhook(
            this.secrets
              .open(delivery.secret_sealed, watchListContext(delivery.watch_list_id))
              .toString('utf8'),
            Math.floor(Date.now() / 1000),
            body,
          ),
        },
        body,
        timeoutMs: this.limits.webhookTimeoutMs,
        allowLoopback: this.limits.webhookAllowLocalhost,
      });
    } catch (caught) {
      error = (caught instanceof Error ? caught.message : String(caught)).slice(0, 300);
    }
    const attempts = delivery.attempts + 1;
    const delivered = status !== null && status >= 200 && status < 300;
    const outcome = delivered
      ? { set: `status = 'delivered', delivered_at = now()`, params: [] as number[] }
      : attempts >= MAX_WEBHOOK_ATTEMPTS
        ? { set: `status = 'failed'`, params: [] as number[] }
        : {
            set: `next_attempt_at = now() + make_interval(secs => $3)`,
            params: [retryDelaySeconds(attempts)],
          };
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, response_status, error, duration_ms) VALUES ($1, $2, $3, $4)`,
        [delivery.id, status, error, Date.now() - started],
      );
      await m.query(`UPDATE webhook_deliveries SET attempts = $2, ${outcome.set} WHERE id = $1`, [
        delivery.id,
        attempts,
        ...outcome.params,
      ]);
    });
  }
}
