import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import fs from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { mailConfig, type MailConfig } from '../../config/mail.config.js';
import type { Mail } from './mail.entity.js';
import { MAX_MAIL_ATTEMPTS, mailRetryDelaySeconds } from './mail-retry.js';
import { fileTransport, type MailTransport, smtpTransport } from './mail-transport.js';

const BATCH = 20;
/** A claimed mail is not claimed again for this long, even if its instance dies mid-send. */
const LEASE_SECONDS = 300;

interface MailRow {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
  created_at: Date;
}

/**
 * Sends queued mails. A short statement claims due rows with FOR UPDATE SKIP LOCKED and pushes
 * their next attempt past a lease, so several instances never send the same mail at the same time
 * and no transaction stays open while the relay answers (on the embedded database one open
 * transaction would hold up every query).
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: MailTransport;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(mailConfig.KEY) private readonly config: MailConfig,
  ) {
    this.transport = config.smtpUrl
      ? smtpTransport(config.smtpUrl, config.from)
      : fileTransport(config.fileDir, config.from);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.smtpUrl) await this.listFiles();
    if (!this.config.dispatcherEnabled) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn(`Mail dispatch failed: ${(error as Error).message}`),
        )
        .finally(() => (this.running = undefined));
    }, this.config.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    this.transport.close();
  }

  /** Sends every due mail it can claim; returns how many were sent. */
  async tick(): Promise<number> {
    const claimed = await this.dataSource.query<[MailRow[], number]>(
      `UPDATE mail_outbox SET attempts = attempts + 1,
              next_attempt_at = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM mail_outbox
                      WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, "to", subject, text, html, attempts, created_at`,
      [BATCH, LEASE_SECONDS],
    );
    // Side by side: the SMTP transport queues them over its pool of connections, so a backlog
    // (a relay that was down, a bulk sign-up) drains several times faster than one at a time.
    const sent = await Promise.all(claimed[0].map((row) => this.sendOne(row)));
    return sent.filter(Boolean).length;
  }

  private async sendOne(row: MailRow): Promise<boolean> {
    try {
      await this.transport.send({ ...row, createdAt: row.created_at } as unknown as Mail);
    } catch (error) {
      const reason = (error as Error).message.slice(0, 1000);
      const failed = row.attempts >= MAX_MAIL_ATTEMPTS;
      const delay = mailRetryDelaySeconds(row.attempts, this.config.retryBaseSeconds);
      await this.dataSource.query(
        `UPDATE mail_outbox SET status = $2, last_error = $3,
                next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
        [row.id, failed ? 'failed' : 'pending', reason, delay],
      );
      this.logger.warn(
        `Mail ${row.id} (${row.kind}) attempt ${row.attempts} failed: ${reason}` +
          (failed ? '; giving up' : `; retrying in ${delay} s`),
      );
      return false;
    }
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
      [row.id],
    );
    return true;
  }

  /** With no relay, say where mails go and what is already there, so a demo can open them. */
  private async listFiles(): Promise<void> {
    const names = await fs.readdir(this.config.fileDir).catch(() => [] as string[]);
    const mails = names.filter((n) => n.endsWith('.eml')).sort();
    const recent = mails.slice(-10).map((n) => `\n  ${n}`);
    this.logger.log(
      `No SMTP_URL: mails are written to ${this.config.fileDir} (${mails.length} there)` +
        recent.join(''),
    );
  }
}
