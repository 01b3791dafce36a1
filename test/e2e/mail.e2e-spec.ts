import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { closeDb, count, db } from '../support/app.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const insertMail = async (client: { query: pg.Pool['query'] }, to: string, subject: string) => {
  await client.query(
    `INSERT INTO mail_outbox (kind, "to", subject, text) VALUES ('test', $1, $2, $3)`,
    [to, subject, `Hello ${to}\nhttps://register.localhost/account/confirm?token=abc`],
  );
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('MailDispatcher', () => {
  let smtp: TestSmtp;
  const instances: Instance[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
  });

  afterAll(async () => {
    for (const instance of instances) await stopInstance(instance);
    await smtp.close();
    await closeDb();
  });

  it('should send a queued mail over SMTP once and mark it sent', async () => {
    await insertMail(db(), 'one@mail.test', 'Once only');
    const mail = await smtp.waitFor('one@mail.test', /Once only/);
    expect(mail.text).toContain('Hello one@mail.test');
    expect(mail.links).toEqual(['https://register.localhost/account/confirm?token=abc']);
    const { rows } = await db().query<{ status: string; attempts: number; sent_at: Date | null }>(
      `SELECT status, attempts, sent_at FROM mail_outbox WHERE "to" = 'one@mail.test'`,
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 1, sent_at: expect.any(Date) }]);
  });

  it('should retry with back-off when the relay refuses, and send it in the end', async () => {
    smtp.refuseNext(1, 'retry@mail.test');
    await insertMail(db(), 'retry@mail.test', 'After a refusal');
    await until('the refusal', async () =>
      (await count(
        `SELECT 1 FROM mail_outbox WHERE "to" = 'retry@mail.test' AND attempts = 1 AND last_error IS NOT NULL`,
      )) === 1
        ? true
        : undefined,
    );
    await smtp.waitFor('retry@mail.test', /After a refusal/);
    const { rows } = await db().query<{ status: string; attempts: number; last_error: unknown }>(
      `SELECT status, attempts, last_error FROM mail_outbox WHERE "to" = 'retry@mail.test'`,
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 2, last_error: null }]);
    expect(smtp.mails.filter((m) => m.to.includes('retry@mail.test'))).toHaveLength(1);
  });

  it('should send each mail exactly once with two instances dispatching', async () => {
    instances.push(await startInstance({ MAIL_DISPATCH_INTERVAL_MS: '100' }));
    const client = await db().connect();
    try {
      await client.query('BEGIN');
      for (let i = 0; i < 60; i += 1) await insertMail(client, `many${i}@mail.test`, `Many ${i}`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await until('all 60 mails', async () =>
      (await count(`SELECT 1 FROM mail_outbox WHERE "to" LIKE 'many%' AND status = 'sent'`)) === 60
        ? true
        : undefined,
    );
    await new Promise((r) => setTimeout(r, 500));
    const received = smtp.mails.filter((m) => m.to[0]?.startsWith('many'));
    expect(received).toHaveLength(60);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(60);
  }, 120_000);

  it('should write mails as files under DATA_DIR/mail with no SMTP_URL, and list them at start', async () => {
    // Its own embedded database, so the shared app (which has SMTP) cannot take its mails.
    const alone = await startInstance({ SMTP_URL: '', DATABASE_URL: '', LOG_LEVEL: 'info' });
    instances.push(alone);
    expect(alone.output()).toContain(
      `No SMTP_URL: mails are written to ${path.join(alone.dataDir, 'mail')} (0 there)`,
    );
    const local = new pg.Client({
      host: path.join(alone.dataDir, 'run'),
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
    await local.connect();
    try {
      await insertMail(local, 'file@mail.test', 'Kept on disk');
      const file = await until('the .eml file', () => {
        const names = fs.existsSync(path.join(alone.dataDir, 'mail'))
          ? fs.readdirSync(path.join(alone.dataDir, 'mail'))
          : [];
        return Promise.resolve(names.find((n) => n.endsWith('.eml')));
      });
      const eml = fs.readFileSync(path.join(alone.dataDir, 'mail', file), 'utf8');
      expect(eml).toContain('Subject: Kept on disk');
      expect(eml).toContain('To: file@mail.test');
      const { rows } = await local.query<{ status: string }>(`SELECT status FROM mail_outbox`);
      await until('sent status', async () =>
        (await local.query<{ status: string }>(`SELECT status FROM mail_outbox`)).rows[0]
          ?.status === 'sent'
          ? true
          : undefined,
      );
      expect(rows).toHaveLength(1);
    } finally {
      await local.end();
    }
  }, 120_000);
});
