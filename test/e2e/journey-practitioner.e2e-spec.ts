import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, db } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  searchableSurname,
  type TestIssuer,
} from '../support/factories.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { bothWays, pathOf, type Walk } from '../support/walk.js';
import { useBrowser } from '../support/web-browser.js';

/** Issue 12: a practitioner's whole job in the pages, from sign-up to signing out. */
const JOURNEY = 'journey-practitioner';
// About 40 s on an idle machine; the margin is for a loaded one.
const TIMEOUT = 300_000;
const PASSWORD = 'a-practitioner-journey-password';
/** A real 1×1 PNG: the API checks the file's bytes, not just its name. */
const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function download(w: Walk, link: string): Promise<string> {
  const [file] = await Promise.all([
    w.page.waitForEvent('download'),
    w.page.getByRole('link', { name: link, exact: true }).click(),
  ]);
  return fs.readFileSync((await file.path()) ?? '', 'utf8');
}

describe('A practitioner’s journey in the pages', () => {
  const session = useBrowser(TIMEOUT);
  let smtp: TestSmtp;
  let issuer: TestIssuer;
  beforeAll(async () => {
    [smtp, issuer] = await Promise.all([startSmtp(), newIssuer()]);
  });
  afterAll(async () => {
    await smtp.close();
  });

  bothWays(
    'should sign up, confirm the email, edit the profile, declare and withdraw claims, see standing, download and sign out',
    () => session.browser(),
    JOURNEY,
    async (w) => {
      const surname = searchableSurname('Journey');
      const email = `${surname.toLowerCase()}@example.test`;

      // Sign up, with the form's errors first.
      await w.goto('/sign-in', 'sign-in');
      await w.follow('Create a practitioner account', 'sign-up');
      await w.submit('Create account', 'sign-up-errors', 400);
      expect(await w.errors()).toContain('Enter your given name');
      await w.page.getByLabel('Given name').fill('Jo');
      await w.page.getByLabel('Family name').fill(surname);
      await w.page.getByLabel('Day').fill('9');
      await w.page.getByLabel('Month').fill('3');
      await w.page.getByLabel('Year').fill('1979');
      await w.page.getByLabel('Email address').fill(email);
      await w.page.getByLabel('Create a password').fill(PASSWORD);
      await w.page.getByLabel('Type the password again').fill(PASSWORD);
      await w.submit('Create account', 'check-your-email', 201);
      expect(await w.main()).toContain(email);

      // Confirm the address from the mail.
      const mail = await smtp.waitFor(email, /Confirm your email address/);
      const link = mail.links.find((l) => l.includes('/confirm-email?token='));
      expect(link).toBeDefined();
      await w.goto(pathOf(link ?? ''), 'confirm-email');
      await w.submit('Confirm email address', 'email-confirmed');
      expect(await w.page.locator('h1').textContent()).toContain('Email address confirmed');

      // Sign in: wrong password first, then the account with its standing per role.
      await w.page.goto('/sign-in');
      await w.page.getByLabel('Email address').fill(email);
      await w.page.getByLabel('Password', { exact: true }).fill('not-the-password');
      await w.submit('Sign in', 'sign-in-refused', 401);
      await w.signIn(email, PASSWORD, 'account');
      expect(new URL(w.page.url()).pathname).toBe('/account');
      const registerNumber = /Register number (DL\d+)/.exec(await w.main())?.[1] ?? '';
      expect(registerNumber).toMatch(/^DL\d+$/);
      expect(await w.main()).toContain('Your standing in each role');

      // Edit the profile: a name change needs its reason.
      await w.follow('Edit profile', 'profile');
      await w.page.getByLabel('Family name').fill(`${surname}-Smith`);
      await w.submit('Change name', 'name-needs-reason', 400);
      expect((await w.errors()).join()).toContain('Enter why your name changed');
      await w.page.getByLabel('Family name').fill(`${surname}-Smith`);
      await w.page.getByLabel('Why your name changed').fill('Marriage');
      await w.submit('Change name', 'name-changed');
      await w.page.getByLabel('Names you were known by before').fill(`Jo ${surname}\nJo Maiden`);
      await w.submit('Save former names', 'former-names-saved');
      await w.page.getByLabel('Show my former names').check();
      await w.submit('Save choices', 'visibility-saved');
      const gmc = String(7_000_000 + Math.floor(Math.random() * 999_999));
      await w.page.getByLabel('Register', { exact: true }).selectOption('GMC');
      await w.page.getByLabel('Registration number').fill('12');
      await w.submit('Add registration', 'registration-error', 400);
      await w.page.getByLabel('Register', { exact: true }).selectOption('GMC');
      await w.page.getByLabel('Registration number').fill(gmc);
      await w.submit('Add registration', 'registration-added');
      expect(await w.main()).toContain(`GMC ${gmc}`);
      await w.submit('Add role', 'appointment-errors', 400);
      await w.page.getByLabel('Role', { exact: true }).selectOption('CCIO');
      await w.page.getByLabel('Organisation').fill('Northshire Hospitals NHS Foundation Trust');
      await w.fillDate('Start date', '2022-04-01');
      await w.submit('Add role', 'appointment-added');
      expect(await w.main()).toContain('Northshire Hospitals NHS Foundation Trust, 1 April 2022');
      const entry = await api().get(`/api/v1/register/${registerNumber}`).expect(200);
      expect(JSON.stringify(entry.body)).toContain('Jo Maiden');

      // Declare two qualifications, one with evidence; withdraw the other.
      await w.follow('Qualifications you declared', 'claims-none');
      // A link drawn as a button.
      await w.submit('Declare a qualification', 'claim-form');
      await w.submit('Declare qualification', 'claim-errors', 400);
      expect((await w.errors()).length).toBeGreaterThan(0);
      for (const title of ['MSc Health Informatics', 'PgCert Clinical Safety']) {
        if (title !== 'MSc Health Informatics') await w.page.goto('/account/claims/new');
        await w.page
          .getByLabel('Awarding body', { exact: true })
          .selectOption({ label: issuer.name });
        await w.page.getByLabel('Degree', { exact: true }).check();
        await w.page.getByLabel('Name of the qualification').fill(title);
        await w.fillDate('Date awarded', '2019-07-14');
        await w.submit('Declare qualification', `claim-declared-${title.split(' ')[0]}`);
      }
      expect(await w.main()).toContain('PgCert Clinical Safety');
      const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-')), 'certificate.png');
      fs.writeFileSync(png, Buffer.from(TINY_PNG, 'base64'));
      await w.page.getByLabel('Attach evidence for MSc Health Informatics').setInputFiles(png);
      await w.submit('Upload evidence for MSc Health Informatics', 'evidence-uploaded');
      expect(await w.main()).toContain('Evidence attached: certificate.png');
      await w.submit('Withdraw PgCert Clinical Safety', 'claim-withdrawn');
      const { rows: claims } = await db().query<{ title: string; status: string }>(
        `SELECT c.title, c.status FROM claims c JOIN practitioners p ON p.id = c.practitioner_id
          WHERE p.register_number = $1 ORDER BY c.title`,
        [registerNumber],
      );
      expect(claims).toEqual([
        { title: 'MSc Health Informatics', status: 'pending' },
        { title: 'PgCert Clinical Safety', status: 'withdrawn' },
      ]);

      // A body issues a credential; the practitioner sees standing per role and downloads files.
      await api()
        .post('/api/v1/credentials')
        .set('x-api-key', issuer.apiKey)
        .set('idempotency-key', idempotencyKey())
        .send({
          registerNumber,
          kind: 'degree',
          title: 'MSc Digital Leadership',
          level: 7,
          awardedOn: '2021-07-14',
        })
        .expect(201);
      await w.follow('Profile and standing', 'standing');
      expect(await w.main()).toContain('Chief Clinical Information Officer');
      await w.follow('Credentials, downloads and public pages', 'credentials');
      const badge = JSON.parse(
        await download(w, 'Download MSc Digital Leadership as an Open Badge (JSON-LD)'),
      ) as { type: string[] };
      expect(badge.type).toContain('OpenBadgeCredential');
      const jwt = await download(w, 'Download MSc Digital Leadership as a VC-JWT');
      expect(jwt.split('.')).toHaveLength(3);
      const extract = await download(w, 'Download the extract (VC-JWT)');
      expect(extract.split('.')).toHaveLength(3);

      await w.signOut('signed-out');
      const after = await w.page.goto('/account');
      expect(new URL(w.page.url()).pathname).toBe('/sign-in');
      expect(after?.status()).toBe(200);
    },
    TIMEOUT,
  );
});
