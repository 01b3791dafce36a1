import { randomBytes } from 'node:crypto';
import { api, asRegistrar, bearer, closeDb, count, db } from '../support/app.js';
import {
  idempotencyKey,
  newEmployer,
  newIssuer,
  newPractitioner,
  type TestPractitioner,
} from '../support/factories.js';
import { startInstance, stopInstance } from '../support/instances.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const DOB = '1971-03-09';
const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * A role asking for CPD alone, with no standard: its standing is lapsed exactly when CPD is short.
 * (A role with a standard in force counts CPD only once a route certifies.)
 */
async function cpdOnlyRole(): Promise<string> {
  const code = `CPD${randomBytes(3).toString('hex').toUpperCase()}`;
  await api()
    .post('/api/v1/roles')
    .set(bearer(await asRegistrar()))
    .send({
      code,
      title: 'Chief Learning Officer',
      clinical: false,
      requirements: {
        credentials: [],
        professionalRegistration: false,
        cpdHoursPerYear: 20,
        graceDays: 0,
      },
    })
    .expect(201);
  return code;
}

async function appoint(p: TestPractitioner, roleCode: string): Promise<void> {
  await api()
    .patch('/api/v1/practitioners/me')
    .set(bearer(p.token))
    .send({
      appointments: [{ roleCode, organisation: 'Northshire NHS Trust', startDate: daysAgo(400) }],
    })
    .expect(200);
}

async function practitionerId(p: TestPractitioner): Promise<string> {
  const { rows } = await db().query<{ id: string }>(
    `SELECT id FROM practitioners WHERE register_number = $1`,
    [p.registerNumber],
  );
  return rows[0]?.id ?? '';
}

/** Starts an instance (whose start runs the hourly checks), waits for `mail`, stops it. */
async function runChecks(until: () => Promise<unknown>): Promise<void> {
  // The CPD sweep runs once a day across instances: forget today's, as if the next day had come.
  await db().query(`DELETE FROM mail_reminders WHERE key LIKE 'sweep:cpd:%'`);
  const instance = await startInstance();
  try {
    await until();
  } finally {
    // Shutting down waits for the check that is running to finish.
    await stopInstance(instance);
  }
}

describe('MailNotifier: CPD shortfall and watched people', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await closeDb();
  });

  const mailsTo = (email: string, subject: RegExp) =>
    smtp.mails.filter((m) => m.to.includes(email) && subject.test(m.subject));

  it('should mail an appointed practitioner whose CPD falls short once per shortfall, however often the check runs', async () => {
    const [issuer, shortOfCpd, role] = await Promise.all([
      newIssuer(),
      newPractitioner(),
      cpdOnlyRole(),
    ]);
    await appoint(shortOfCpd, role);
    await runChecks(() => smtp.waitFor(shortOfCpd.email, /Your CPD is short for/));
    const [mail] = mailsTo(shortOfCpd.email, /CPD/);
    expect(mail?.subject).toBe('Your CPD is short for Chief Learning Officer');
    expect(mail?.text).toContain('CPD: 0 of 20 hours in the last 12 months');
    // The instance claimed today's sweep, so another starting today leaves it alone.
    expect(await count(`SELECT 1 FROM mail_reminders WHERE key LIKE 'sweep:cpd:%'`)).toBe(1);
    expect(mail?.links.some((l) => l.endsWith('/account'))).toBe(true);

    // A second run while still short sends nothing new (another CIO's mail shows it ran).
    const second = await newPractitioner();
    await appoint(second, role);
    await runChecks(() => smtp.waitFor(second.email, /Your CPD is short for/));
    expect(
      await count(`SELECT 1 FROM mail_outbox WHERE "to" = $1 AND kind = 'cpd-shortfall'`, [
        shortOfCpd.email,
      ]),
    ).toBe(1);

    // Made up: the reminder is cleared, so a later shortfall would mail again.
    await api()
      .post('/api/v1/credentials')
      .set('x-api-key', issuer.apiKey)
      .set('idempotency-key', idempotencyKey())
      .send({
        registerNumber: shortOfCpd.registerNumber,
        kind: 'cpd',
        title: 'Board cyber briefing',
        cpdHours: 60,
        awardedOn: daysAgo(10),
      })
      .expect(201);
    const third = await newPractitioner();
    await appoint(third, role);
    await runChecks(() => smtp.waitFor(third.email, /Your CPD is short for/));
    const key = `cpd:${await practitionerId(shortOfCpd)}:${role}`;
    expect(await count(`SELECT 1 FROM mail_reminders WHERE key = $1`, [key])).toBe(0);
    expect(
      await count(`SELECT 1 FROM mail_reminders WHERE key = $1`, [
        `cpd:${await practitionerId(third)}:${role}`,
      ]),
    ).toBe(1);
    expect(mailsTo(shortOfCpd.email, /CPD/)).toHaveLength(1);
  }, 180_000);

  it('should mail an employer who opted in, once per change, and not one who did not', async () => {
    const p = await newPractitioner({ dateOfBirth: DOB });
    const registrar = await asRegistrar();
    const watcher = async (emailNotices?: boolean) => {
      const employer = await newEmployer();
      await api()
        .post(`/api/v1/organisations/${employer.organisationId}/verify`)
        .set(bearer(registrar))
        .expect(200);
      const { code } = (
        await api()
          .post('/api/v1/share-codes')
          .set(bearer(p.token))
          .send({ purpose: 'Ongoing assurance for the CIO post', expiresInDays: 90 })
          .expect(201)
      ).body as { code: string };
      await api()
        .post('/api/v1/share-codes/redeem')
        .set(bearer(employer.token))
        .send({ code, dateOfBirth: DOB })
        .expect(200);
      const watch = await api()
        .post('/api/v1/watch-lists')
        .set(bearer(employer.token))
        .send({ registerNumber: p.registerNumber, ...(emailNotices ? { emailNotices } : {}) })
        .expect(201);
      return { ...employer, watchId: (watch.body as { id: string }).id };
    };
    const optedIn = await watcher(true);
    const later = await watcher();
    const never = await watcher();
    // Opting in afterwards works too; another organisation cannot touch the setting.
    await api()
      .patch(`/api/v1/watch-lists/${later.watchId}`)
      .set(bearer(never.token))
      .send({ emailNotices: true })
      .expect(404);
    const patched = await api()
      .patch(`/api/v1/watch-lists/${later.watchId}`)
      .set(bearer(later.token))
      .send({ emailNotices: true })
      .expect(200);
    expect(patched.body).toMatchObject({ id: later.watchId, emailNotices: true });
    const bad = await api()
      .patch(`/api/v1/watch-lists/${later.watchId}`)
      .set(bearer(later.token))
      .send({ emailNotices: 'yes' })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');

    await api()
      .post(`/api/v1/practitioners/${p.registerNumber}/status`)
      .set(bearer(registrar))
      .send({ status: 'suspended', reason: 'Under investigation' })
      .expect(200);
    // One mail per change: the status, and each role standing it moved.
    const STATUS = 'Their register status changed from registered to suspended';
    const statusMails = (email: string) =>
      mailsTo(email, /A change for register number/).filter((m) => m.text.includes(STATUS));
    const deadline = Date.now() + 30_000;
    while (
      Date.now() < deadline &&
      (!statusMails(optedIn.email).length || !statusMails(later.email).length)
    )
      await new Promise((r) => setTimeout(r, 250));
    const [mail] = statusMails(optedIn.email);
    expect(mail?.links.some((l) => l.endsWith(`/employer/watch-lists/${optedIn.watchId}`))).toBe(
      true,
    );
    // Once each, and nothing for the organisation that did not ask.
    await new Promise((r) => setTimeout(r, 3000));
    expect(statusMails(optedIn.email)).toHaveLength(1);
    expect(statusMails(later.email)).toHaveLength(1);
    expect(mailsTo(never.email, /A change for register number/)).toHaveLength(0);
  }, 120_000);
});
