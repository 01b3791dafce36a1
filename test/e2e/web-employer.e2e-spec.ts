import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { api, asRegistrar, bearer, db, login } from '../support/app.js';
import { idempotencyKey, newIssuer, newPractitioner } from '../support/factories.js';
import { sidewaysOverflow } from '../support/reflow.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import {
  checkPage,
  newContext,
  screenshot,
  signIn,
  submit,
  useBrowser,
} from '../support/web-browser.js';

const JOURNEY = 'employer';
const TIMEOUT = 150_000;
const PASSWORD = 'employer-long-password';
const DOB = '1971-06-30';

const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

async function until<T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 300));
  }
}

function receiver(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.statusCode = 204;
      res.end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hooks`,
        count: () => received,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

async function text(page: Page): Promise<string> {
  return (await page.locator('main').textContent()) ?? '';
}

describe('Employers in the browser', () => {
  const session = useBrowser(TIMEOUT);
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it(
    'should register an organisation (pending until verified), add a colleague by email, watch a person with a webhook and list past checks',
    async () => {
      const suffix = Date.now().toString(36);
      const email = `hr-${suffix}@trust.example`;
      const noJs = await newContext(session.browser(), { javaScript: false });
      const page = await noJs.newPage();

      // Sign up with JavaScript off.
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'register your organisation as an employer' }).click();
      let response = await submit(page, 'Register organisation');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter the organisation’s name',
      );
      await page.getByLabel('Organisation name').fill(`Testshire NHS Trust ${suffix}`);
      await page.getByLabel('Your work email address').fill(email);
      await page.getByLabel('Create a password').fill(PASSWORD);
      await page.getByLabel('Type the password again').fill(PASSWORD);
      response = await submit(page, 'Register organisation');
      expect(response?.status()).toBe(201);
      await smtp.waitFor(email, /Confirm your email address/);

      response = await signIn(page, email, PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/employer');
      expect(await text(page)).toContain('Waiting for the registrar');
      await screenshot(page, JOURNEY, '01-pending-no-js');
      await noJs.close();

      // The registrar verifies the organisation; the page then offers colleagues and watch-lists.
      const token = await login(email, PASSWORD);
      const me = await api().get('/api/v1/me').set(bearer(token)).expect(200);
      const organisationId = (me.body as { organisation: { id: string } }).organisation.id;
      await api()
        .post(`/api/v1/organisations/${organisationId}/verify`)
        .set(bearer(await asRegistrar()))
        .expect(200);

      const js = await session
        .context()
        .browser()
        ?.newContext({ baseURL: page.url().split('/employer')[0] });
      const employerPage = await (js ?? session.context()).newPage();
      await signIn(employerPage, email, PASSWORD);
      response = await employerPage.reload();
      expect(await text(employerPage)).toContain('Verified');
      await checkPage(employerPage, response, JOURNEY, '02-verified');
      expect(await sidewaysOverflow(employerPage)).toBe(0);

      const colleague = `colleague-${suffix}@trust.example`;
      await employerPage.getByLabel('Colleague’s work email address').fill(colleague);
      response = await submit(employerPage, 'Add colleague');
      expect(await text(employerPage)).toContain('Colleague added');
      expect(await text(employerPage)).toContain(colleague);
      const invite = await smtp.waitFor(colleague, /You have been added to Testshire NHS Trust/);
      const link = invite.links.find((l) => l.includes('/reset-password?token='));
      const colleagueContext = await newContext(session.browser());
      const colleaguePage = await colleagueContext.newPage();
      await colleaguePage.goto(pathOf(link ?? ''));
      await colleaguePage.getByLabel('New password', { exact: true }).fill('colleague-password-1');
      await colleaguePage.getByLabel('Type the new password again').fill('colleague-password-1');
      await submit(colleaguePage, 'Change password');
      await signIn(colleaguePage, colleague, 'colleague-password-1');
      expect(new URL(colleaguePage.url()).pathname).toBe('/employer');
      await colleagueContext.close();

      // A practitioner's share code, used by the organisation, allows a watch with a webhook.
      const hook = await receiver();
      try {
        const [issuer, p] = await Promise.all([newIssuer(), newPractitioner({ dateOfBirth: DOB })]);
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

        response = await employerPage.goto('/employer/watch-lists');
        await checkPage(employerPage, response, JOURNEY, '03-watch-lists');
        await employerPage.getByLabel('Register number').fill(p.registerNumber);
        await employerPage.getByLabel('Webhook address (optional)').fill('ftp://example.test');
        response = await submit(employerPage, 'Start watching');
        expect(response?.status()).toBe(400);
        await checkPage(employerPage, response, JOURNEY, '04-watch-error');
        await employerPage.getByLabel('Webhook address (optional)').fill(hook.url);
        await employerPage.getByLabel('Email me each change too').check();
        response = await submit(employerPage, 'Start watching');
        expect(response?.status()).toBe(201);
        const secret = await employerPage.locator('#signing-secret').textContent();
        expect(secret).toMatch(/^whsec_/);
        await checkPage(employerPage, response, JOURNEY, '05-secret-once');
        expect(await sidewaysOverflow(employerPage)).toBe(0);
        // Stored sealed under the KEK: one watch, and the secret shown once is not in its row.
        const { rows } = await db().query<{ sealed: string }>(
          `SELECT secret_sealed AS sealed FROM watch_lists WHERE organisation_id = $1`,
          [organisationId],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0]?.sealed).toMatch(/^v1\./);
        expect(rows[0]?.sealed).not.toContain(secret ?? 'none');
        await employerPage.goto('/employer/watch-lists');
        expect(await text(employerPage)).not.toContain(secret ?? 'none');

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
        await until(() => Promise.resolve(hook.count() > 0 ? true : undefined), 40_000);
        await employerPage.getByRole('link', { name: p.registerNumber }).click();
        const history = await until(async () => {
          await employerPage.reload();
          const t = await text(employerPage);
          return t.includes('Delivered') ? t : undefined;
        });
        expect(history).toContain('Credential issued');
        await checkPage(employerPage, null, JOURNEY, '06-deliveries');

        // Email notices were asked for at the start; they can be turned off (and on) per watch-list.
        const emailNotices = async () =>
          (
            await db().query<{ on: boolean }>(
              `SELECT email_notices AS on FROM watch_lists WHERE organisation_id = $1`,
              [organisationId],
            )
          ).rows[0]?.on;
        expect(await emailNotices()).toBe(true);
        expect(await employerPage.locator('#email-notices').textContent()).toContain(
          'also emailed to you',
        );
        await submit(employerPage, 'Stop emailing me changes');
        expect(await emailNotices()).toBe(false);
        expect(await employerPage.locator('#email-notices').textContent()).toContain('not emailed');
        await checkPage(employerPage, null, JOURNEY, '06b-email-off');
        await submit(employerPage, 'Email me each change');
        expect(await emailNotices()).toBe(true);

        // A check made while signed in is listed with its receipt.
        const check = await api()
          .post('/api/v1/verifications')
          .set(bearer(token))
          .send({
            registerNumber: p.registerNumber,
            claim: {
              kind: 'degree',
              title: 'MSc Digital Health Leadership',
              awardingBody: issuer.name,
            },
          })
          .expect(201);
        const reference = (check.body as { reference: string }).reference;
        response = await employerPage.goto('/employer/checks');
        expect(await text(employerPage)).toContain(reference);
        await checkPage(employerPage, response, JOURNEY, '07-past-checks');
        expect(await sidewaysOverflow(employerPage)).toBe(0);
      } finally {
        await hook.close();
      }
      await js?.close();
    },
    TIMEOUT,
  );

  it(
    'should keep other roles out of the employer pages and another employer out of the checks',
    async () => {
      const p = await newPractitioner();
      const page = await session.context().newPage();
      await signIn(page, p.email, p.password);
      const response = await page.goto('/employer');
      expect(response?.status()).toBe(403);
      await checkPage(page, response, JOURNEY, '08-forbidden');
      await api().get('/api/v1/organisations/me/checks').set(bearer(p.token)).expect(403);
      await api()
        .post('/api/v1/organisations/me/colleagues')
        .set(bearer(p.token))
        .send({ email: 'x@example.test' })
        .expect(403);
    },
    TIMEOUT,
  );
});
