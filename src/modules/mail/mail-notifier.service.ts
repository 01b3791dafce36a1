import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { httpConfig, type HttpConfig } from '../../config/configuration.js';
import { mailConfig, type MailConfig } from '../../config/mail.config.js';
import { StandingService } from '../credentials/standing.service.js';
import { XID_HORIZON } from '../outbox/outbox-horizon.js';
import { MailService } from './mail.service.js';
import {
  claimDecidedMail,
  cpdShortfallMail,
  credentialExpiringMail,
} from './notification-mails.js';

const BATCH = 200;
const EXPIRY_INTERVAL_MS = 3600_000;
/** Reminders go this many days before a credential's valid-until date. */
const REMINDER_DAYS = [90, 30] as const;
/** Appointed practitioners read per page while checking CPD. */
const CPD_BATCH = 500;

interface DecidedRow {
  email: string;
  title: string;
  awarding_body: string;
  status: string;
  decision_reason: string | null;
}

interface ExpiringRow {
  id: string;
  email: string;
  title: string;
  awarding_body: string;
  valid_until: string;
  days_left: number;
}

/**
 * Mails people about changes that concern them: a decided claim (read from the outbox in (xid, seq)
 * order below the running transactions, as the change feed reads it, after a cursor claimed with
 * FOR UPDATE SKIP LOCKED, so each event is mailed once however many instances run), credentials
 * about to expire and CPD short for a role held (checked at start and hourly; each reminder is
 * recorded in mail_reminders in the same transaction as its mail, so running the check again sends
 * nothing new).
 */
@Injectable()
export class MailNotifier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailNotifier');
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(mailConfig.KEY) private readonly config: MailConfig,
    @Inject(httpConfig.KEY) private readonly http: HttpConfig,
    private readonly mail: MailService,
    private readonly standings: StandingService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.dispatcherEnabled) return;
    const every = (ms: number, work: () => Promise<unknown>) => {
      const timer = setInterval(() => this.run(work), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.config.intervalMs * 2, () => this.mailDecidedClaims());
    const daily = async () => {
      const now = new Date();
      await this.mailExpiring(now);
      // The CPD sweep works out the standing of everyone appointed to a role, which at a national
      // register is hours of work: one instance does it once a day, whichever claims the day first.
      const day = `sweep:cpd:${now.toISOString().slice(0, 10)}`;
      if (await this.remindOnce(this.dataSource.manager, day)) await this.mailCpdShortfalls(now);
    };
    every(EXPIRY_INTERVAL_MS, daily);
    setTimeout(() => this.run(daily), 0).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.running;
  }

  private run(work: () => Promise<unknown>): void {
    if (this.running) return;
    this.running = work()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.warn(`Mail notice failed: ${(error as Error).message}`),
      )
      .finally(() => (this.running = undefined));
  }

  async mailDecidedClaims(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [cursor] = await m.query<{ last_xid: string; last_seq: string }[]>(
        `SELECT last_xid::text, last_seq::text FROM mail_notifier_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!cursor) return;
      // Paging by seq alone skipped an event whose transaction committed after a later seq's.
      const events = await m.query<
        { xid: string; seq: string; type: string; subject_id: string }[]
      >(
        `SELECT xid::text, seq::text, type, subject_id FROM outbox_events
          WHERE (xid, seq) > ($1::bigint, $2::bigint) AND xid < ${XID_HORIZON}
          ORDER BY xid, seq LIMIT $3`,
        [cursor.last_xid, cursor.last_seq, BATCH],
      );
      const last = events.at(-1);
      if (!last) return;
      const claimIds = events.filter((e) => e.type === 'claim.decided').map((e) => e.subject_id);
      const rows = claimIds.length
        ? await m.query<DecidedRow[]>(
            `SELECT p.email, c.title, c.awarding_body, c.status, c.decision_reason
               FROM claims c JOIN practitioners p ON p.id = c.practitioner_id
              WHERE c.id = ANY($1::uuid[])`,
            [claimIds],
          )
        : [];
      for (const row of rows) {
        if (!row.title || (row.status !== 'confirmed' && row.status !== 'rejected')) continue;
        await this.mail.queue(
          m,
          claimDecidedMail(
            row.email,
            {
              title: row.title,
              awardingBody: row.awarding_body,
              outcome: row.status,
              reason: row.decision_reason,
            },
            `${this.base()}/account/claims`,
          ),
        );
      }
      await m.query(`UPDATE mail_notifier_cursor SET last_xid = $1, last_seq = $2 WHERE id = 1`, [
        last.xid,
        last.seq,
      ]);
    });
  }

  /** Idempotent: a credential gets each reminder once, whenever and however often this runs. */
  async mailExpiring(now: Date): Promise<number> {
    const today = now.toISOString().slice(0, 10);
    let queued = 0;
    for (const days of REMINDER_DAYS) {
      queued += await this.dataSource.transaction(async (m) => {
        const due = await m.query<ExpiringRow[]>(
          `SELECT c.id, p.email, c.title, c.awarding_body, c.valid_until::text AS valid_until,
                  (c.valid_until - $1::date) AS days_left
             FROM credentials c JOIN practitioners p ON p.id = c.practitioner_id
            WHERE c.status = 'active' AND c.valid_until > $1::date + $3::int
              AND c.valid_until <= $1::date + $2::int
              AND NOT EXISTS (SELECT 1 FROM mail_reminders r
                               WHERE r.key = 'expiry:' || c.id || ':' || $2::text)
            LIMIT 1000`,
          [today, days, REMINDER_DAYS.find((d) => d < days) ?? -1],
        );
        let sent = 0;
        for (const row of due) {
          if (await this.remindOnce(m, `expiry:${row.id}:${days}`)) {
            await this.mail.queue(
              m,
              credentialExpiringMail(
                row.email,
                {
                  title: row.title,
                  awardingBody: row.awarding_body,
                  validUntil: row.valid_until,
                  days: row.days_left,
                },
                `${this.base()}/account/credentials`,
              ),
            );
            sent += 1;
          }
        }
        return sent;
      });
    }
    return queued;
  }

  /**
   * Mails a practitioner whose CPD falls short (as their standing computes it) in a role they are
   * appointed to now, once per shortfall: the reminder is cleared when the hours are made up, so a
   * later shortfall mails again.
   */
  async mailCpdShortfalls(now: Date): Promise<number> {
    const today = now.toISOString().slice(0, 10);
    let queued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const people = await this.dataSource.query<{ id: string; email: string }[]>(
        `SELECT DISTINCT p.id, p.email FROM role_appointments a
           JOIN practitioners p ON p.id = a.practitioner_id
          WHERE a.start_date <= $1::date AND (a.end_date IS NULL OR a.end_date >= $1::date)
            AND p.register_status IN ('registered', 'registered-with-conditions') AND p.id > $2
          ORDER BY p.id LIMIT $3`,
        [today, after, CPD_BATCH],
      );
      for (const person of people) queued += await this.checkCpd(person, today);
      const last = people.at(-1);
      if (!last || people.length < CPD_BATCH) return queued;
      after = last.id;
    }
  }

  private async checkCpd(person: { id: string; email: string }, today: string): Promise<number> {
    const standings = await this.standings.standingsFor(person.id, today);
    const appointed = standings.filter((s) => s.appointed);
    return this.dataSource.transaction(async (m) => {
      let sent = 0;
      const madeUp: string[] = [];
      for (const { role, result } of appointed) {
        const key = `cpd:${person.id}:${role.code}`;
        const short = result.reasons.find((r) => r.code === 'CPD_SHORT');
        if (!short) {
          madeUp.push(key);
          continue;
        }
        if (!(await this.remindOnce(m, key))) continue;
        await this.mail.queue(
          m,
          cpdShortfallMail(
            person.email,
            { roleTitle: role.title, detail: short.message },
            `${this.base()}/account`,
          ),
        );
        sent += 1;
      }
      if (madeUp.length)
        await m.query(`DELETE FROM mail_reminders WHERE key = ANY($1::varchar[])`, [madeUp]);
      return sent;
    });
  }

  private async remindOnce(m: EntityManager, key: string): Promise<boolean> {
    const inserted = await m.query<unknown[]>(
      `INSERT INTO mail_reminders (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key`,
      [key],
    );
    return inserted.length > 0;
  }

  private base(): string {
    return (this.http.publicUrl ?? `http://${this.http.host}:${this.http.port}`).replace(/\/$/, '');
  }
}
