import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, asRegistrar, bearer, db, login } from '../support/app.js';
import { idempotencyKey, newIssuer, newPractitioner } from '../support/factories.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { bothWays, pathOf } from '../support/walk.js';
import { useBrowser } from '../support/web-browser.js';

/** Issue 12: an employer's whole job in the pages, from the organisation's sign-up to past checks. */
const JOURNEY = 'journey-employer';
// About 40 s on an idle machine; the margin is for a loaded one.
const TIMEOUT = 300_000;
const PASSWORD = 'employer-journey-password';
const DOB = '1972-08-19';

/** A webhook receiver that answers 204 to whatever the registry posts. */
function receiver(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = 204;
      res.end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hooks`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

describe('An employer’s journey in the pages', () => {
  const session = useBrowser(TIMEOUT);
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  bothWays(
    'should register an organisation, wait for the registrar, check a claim, keep the receipt, watch a person with a webhook and list past checks',
    () => session.browser(),
    JOURNEY,
    async (w) => {
      const suffix = `${Date.now().toString(36)}${w.javaScript ? 'j' : 'n'}`;
      const email = `hr-${suffix}@trust.example`;
      const organisation = `Journeyshire NHS Trust ${suffix}`;
      const [issuer, p] = await Promise.all([newIssuer(), newPractitioner({ dateOfBirth: DOB })]);
      await api()
        .post('/api/v1/credentials')
        .set('x-api-key', issuer.apiKey)
        .set('idempotency-key', idempotencyKey())
        .send({
          registerNumber: p.registerNumber,
          kind: 'degree',
          title: 'MSc Digital Health Leadership',
          level: 7,
          awardedOn: '2022-07-01',
        })
        .expect(201);

      // The organisation signs up and confirms the address; it is pending.
      await w.goto('/sign-in', 'sign-in');
      await w.follow('register your organisation as an employer', 'sign-up');
      await w.submit('Register organisation', 'sign-up-errors', 400);
      expect((await w.errors()).join()).toContain('Enter the organisation’s name');
      await w.page.getByLabel('Organisation name').fill(organisation);
      await w.page.getByLabel('Your work email address').fill(email);
      await w.page.getByLabel('Create a password').fill(PASSWORD);
      await w.page.getByLabel('Type the password again').fill(PASSWORD);
      await w.submit('Register organisation', 'check-your-email', 201);
      const mail = await smtp.waitFor(email, /Confirm your email address/);
      await w.goto(
        pathOf(mail.links.find((l) => l.includes('/confirm-email?token=')) ?? ''),
        'confirm',
      );
      await w.submit('Confirm email address', 'confirmed');
      await w.signIn(email, PASSWORD, 'pending');
      expect(new URL(w.page.url()).pathname).toBe('/employer');
      expect(await w.main()).toContain('Waiting for the registrar');

      // The registrar verifies it (their own journey does this in the pages).
      const token = await login(email, PASSWORD);
      const { rows } = await db().query<{ id: string }>(
        `SELECT id FROM organisations WHERE name = $1`,
        [organisation],
      );
      await api()
        .post(`/api/v1/organisations/${rows[0]?.id ?? ''}/verify`)
        .set(bearer(await asRegistrar()))
        .expect(200);
      await w.goto('/employer', 'verified');
      expect(await w.main()).toContain('Verified');

      // Check a claim from a CV, and keep the receipt.
      // The header's links fold into its menu at 320 px with JavaScript on: go to them directly.
      await w.goto('/check', 'check-form');
      await w.submit('Check qualification', 'check-errors', 400);
      await w.page.getByLabel('Register number').fill(p.registerNumber);
      await w.page.getByLabel('Degree', { exact: true }).check();
      await w.page.getByLabel('Name of the qualification').fill('MSc Digital Health Leadership');
      await w.page.getByLabel('Awarding body').fill(issuer.name);
      await w.submit('Check qualification', 'receipt');
      const reference = /\/receipts\/([^/?]+)/.exec(w.page.url())?.[1] ?? '';
      expect(reference).not.toBe('');
      const [file] = await Promise.all([
        w.page.waitForEvent('download'),
        w.page.getByRole('link', { name: 'Download the receipt as data (JSON)' }).click(),
      ]);
      expect(fs.readFileSync((await file.path()) ?? '', 'utf8')).toContain(
        decodeURIComponent(reference),
      );
      await w.goto('/receipts', 'receipt-find');
      await w.page.getByLabel('Receipt reference').fill(decodeURIComponent(reference));
      await w.submit('Find receipt', 'receipt-found');
      expect(await w.main()).toContain(decodeURIComponent(reference));

      // Watch the person (after redeeming their share code) with a webhook: the secret shows once.
      const { code } = (
        await api()
          .post('/api/v1/share-codes')
          .set(bearer(p.token))
          .send({ purpose: 'Ongoing assurance for the CIO post', expiresInDays: 90 })
          .expect(201)
      ).body as { code: string };
      await api()
        .post('/api/v1/share-codes/redeem')
        .set(bearer(token))
        .send({ code, dateOfBirth: DOB })
        .expect(200);
      const hook = await receiver();
      try {
        await w.goto('/employer', 'organisation');
        await w.follow('Watch-lists and webhooks', 'watch-lists');
        await w.page.getByLabel('Register number').fill(p.registerNumber);
        await w.page.getByLabel('Webhook address (optional)').fill('ftp://example.test');
        await w.submit('Start watching', 'watch-error', 400);
        await w.page.getByLabel('Webhook address (optional)').fill(hook.url);
        await w.submit('Start watching', 'watching', 201);
        const secret = ((await w.page.locator('#signing-secret').textContent()) ?? '').trim();
        expect(secret).toMatch(/^whsec_/);
        await w.goto('/employer/watch-lists', 'watch-lists-after');
        expect(await w.main()).toContain(p.registerNumber);
        expect(await w.main()).not.toContain(secret);
      } finally {
        await hook.close();
      }

      // The check made while signed in is among the organisation's past checks.
      await w.goto('/employer/checks', 'past-checks');
      expect(await w.main()).toContain(decodeURIComponent(reference));

      await w.signOut('signed-out');
      await w.page.goto('/employer/checks');
      expect(new URL(w.page.url()).pathname).toBe('/sign-in');
    },
    TIMEOUT,
  );
});
