import { randomUUID } from 'node:crypto';
import { api, bearer, closeDb, count, db } from '../support/app.js';
import { idempotencyKey, newIssuer, newPractitioner } from '../support/factories.js';
import { startInstance, stopInstance } from '../support/instances.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

// The embedded database runs one statement at a time: a transaction left open blocks the app's
// writes, so a late commit cannot overtake another there. The gap exists on the server only.
const database = JSON.parse(process.env.TEST_DATABASE ?? '{}') as { kind?: string };
const serverOnly = database.kind === 'server' ? it : it.skip;

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('MailNotifier', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await closeDb();
  });

  it('should mail the practitioner when a claim is decided, with a link to their claims', async () => {
    const [issuer, p] = await Promise.all([newIssuer(), newPractitioner()]);
    const claim = await api()
      .post('/api/v1/practitioners/me/claims')
      .set(bearer(p.token))
      .send({
        issuerId: issuer.id,
        kind: 'degree',
        title: 'MSc Information Systems',
        awardedOn: '2012-07-01',
      })
      .expect(201);
    await api()
      .post(`/api/v1/claims/${(claim.body as { id: string }).id}/reject`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'We have no record of this award' })
      .expect(200);
    const mail = await smtp.waitFor(p.email, /Your declared qualification was rejected/);
    expect(mail.text).toContain('MSc Information Systems');
    expect(mail.text).toContain('We have no record of this award');
    const link = mail.links.find((l) => l.endsWith('/account/claims'));
    expect(link).toBeDefined();
    // Following the link leads to sign-in, then back to the claims page.
    const res = await api()
      .get(new URL(link ?? '').pathname)
      .redirects(0);
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain('/sign-in');
    await new Promise((r) => setTimeout(r, 1500));
    expect(
      smtp.mails.filter((m) => m.to.includes(p.email) && /rejected/.test(m.subject)),
    ).toHaveLength(1);
  });

  it('should remind 90 and 30 days before a credential expires, once each however often the job runs', async () => {
    const [issuer, p] = await Promise.all([newIssuer(), newPractitioner()]);
    for (const [title, validUntil] of [
      ['Certificate in Clinical Safety', inDays(25)],
      ['Certificate in Digital Leadership', inDays(80)],
      ['Certificate far from expiry', inDays(200)],
    ]) {
      await api()
        .post('/api/v1/credentials')
        .set('x-api-key', issuer.apiKey)
        .set('idempotency-key', idempotencyKey())
        .send({
          registerNumber: p.registerNumber,
          kind: 'certificate',
          title,
          awardedOn: '2024-01-10',
          validUntil,
        })
        .expect(201);
    }
    // The job runs at start: two instances started one after the other run it twice.
    for (let run = 0; run < 2; run += 1) {
      const instance = await startInstance();
      try {
        await smtp.waitFor(p.email, /Certificate in Digital Leadership expires in 80 days/);
        await smtp.waitFor(p.email, /Certificate in Clinical Safety expires in 25 days/);
      } finally {
        await stopInstance(instance);
      }
    }
    const reminders = smtp.mails.filter(
      (m) => m.to.includes(p.email) && /expires in/.test(m.subject),
    );
    expect(reminders.map((m) => m.subject).sort()).toEqual([
      'Certificate in Clinical Safety expires in 25 days',
      'Certificate in Digital Leadership expires in 80 days',
    ]);
    expect(reminders[0]?.links.some((l) => l.endsWith('/account/credentials'))).toBe(true);
    expect(
      await count(`SELECT 1 FROM mail_outbox WHERE "to" = $1 AND kind = 'credential-expiring'`, [
        p.email,
      ]),
    ).toBe(2);
  }, 120_000);
  serverOnly(
    'should mail a decision whose transaction commits after a later one, not skip it',
    async () => {
      const [issuer, slow, fast] = await Promise.all([newIssuer(), newPractitioner(), newPractitioner()]); // prettier-ignore
      const declare = async (token: string, title: string) =>
        (
          await api()
            .post('/api/v1/practitioners/me/claims')
            .set(bearer(token))
            .send({ issuerId: issuer.id, kind: 'degree', title, awardedOn: '2012-07-01' })
            .expect(201)
        ).body as { id: string };
      const slowClaim = await declare(slow.token, 'MSc Slow Commit');
      const fastClaim = await declare(fast.token, 'MSc Fast Commit');

      // A slow writer decides its claim and takes its outbox seq first, then commits last.
      const writer = await db().connect();
      try {
        await writer.query('BEGIN');
        await writer.query(
          `UPDATE claims SET status = 'rejected', decision_reason = 'Slow decision' WHERE id = $1`,
          [slowClaim.id],
        );
        await writer.query(
          `INSERT INTO outbox_events (id, xid, type, practitioner_id, subject_type, subject_id, data)
           SELECT $1, pg_current_xact_id()::text::bigint, 'claim.decided', practitioner_id, 'claim', id, '{}'
             FROM claims WHERE id = $2`,
          [randomUUID(), slowClaim.id],
        );
        await api()
          .post(`/api/v1/claims/${fastClaim.id}/reject`)
          .set('x-api-key', issuer.apiKey)
          .send({ reason: 'Fast decision' })
          .expect(200);
        // Mailing the later decision now would move the notifier's cursor past the slow one.
        await new Promise((r) => setTimeout(r, 1500));
        expect(
          smtp.mails.filter((m) => m.to.includes(fast.email) && /rejected/.test(m.subject)),
        ).toHaveLength(0);
        await writer.query('COMMIT');
      } finally {
        writer.release();
      }

      const slowMail = await smtp.waitFor(slow.email, /rejected/);
      expect(slowMail.text).toContain('MSc Slow Commit');
      expect(slowMail.text).toContain('Slow decision');
      const fastMail = await smtp.waitFor(fast.email, /rejected/);
      expect(fastMail.text).toContain('MSc Fast Commit');
    },
  );
});
