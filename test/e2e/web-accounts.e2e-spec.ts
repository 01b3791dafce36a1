import type { Page } from 'playwright-core';
import { api, count, db } from '../support/app.js';
import { searchableSurname } from '../support/factories.js';
import { startInstance, stopInstance } from '../support/instances.js';
import { sidewaysOverflow } from '../support/reflow.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import {
  checkPage,
  newContext,
  screenshot,
  signIn,
  submit,
  useBrowser,
  watchConsole,
} from '../support/web-browser.js';

const JOURNEY = 'accounts';
const TIMEOUT = 120_000;
const PASSWORD = 'a-long-enough-password';

/** The link's path and query, opened on the test app (the mail names the app's own address). */
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

const listedCount = async (surname: string) => {
  const res = await api().get(`/api/v1/register?q=${surname}`).expect(200);
  return (res.body as { total: number }).total;
};

async function fillSignUp(page: Page, surname: string, email: string) {
  await page.getByLabel('Given name').fill('Ngozi');
  await page.getByLabel('Family name').fill(surname);
  await page.getByLabel('Day').fill('4');
  await page.getByLabel('Month').fill('11');
  await page.getByLabel('Year').fill('1982');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Create a password').fill(PASSWORD);
  await page.getByLabel('Type the password again').fill(PASSWORD);
}

describe('Practitioner accounts in the browser', () => {
  const session = useBrowser(TIMEOUT);
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it(
    'should sign up, stay unlisted until the emailed link is followed, then sign in',
    async () => {
      const surname = searchableSurname('Okafor');
      const email = `${surname.toLowerCase()}@example.test`;
      const page = await session.context().newPage();
      const problems = watchConsole(page);

      let response = await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Create a practitioner account' }).click();
      expect(new URL(page.url()).pathname).toBe('/sign-up');
      response = await page.reload();
      await checkPage(page, response, JOURNEY, '01-sign-up');
      expect(await sidewaysOverflow(page)).toBe(0);

      response = await submit(page, 'Create account');
      expect(response?.status()).toBe(400);
      const summary = page.locator('.nhsuk-error-summary');
      expect((await summary.locator('a').allTextContents()).map((t) => t.trim())).toEqual([
        'Enter your given name',
        'Enter your family name',
        'Enter your date of birth',
        'Enter your email address',
        'Enter a password',
      ]);
      await checkPage(page, response, JOURNEY, '02-sign-up-errors');
      expect(await sidewaysOverflow(page)).toBe(0);

      await fillSignUp(page, surname, email);
      await page.getByLabel('Type the password again').fill('not the same password');
      response = await submit(page, 'Create account');
      expect(await summary.textContent()).toContain('The passwords do not match');
      expect(await page.getByLabel('Family name').inputValue()).toBe(surname);

      await fillSignUp(page, surname, email);
      response = await submit(page, 'Create account');
      expect(response?.status()).toBe(201);
      expect(await page.locator('main').textContent()).toContain(email);
      await checkPage(page, response, JOURNEY, '03-check-email');

      // The record exists but is not listed until the address is confirmed.
      expect(await listedCount(surname)).toBe(0);
      const mail = await smtp.waitFor(email, /Confirm your email address/);
      expect(mail.html).toContain('<a href=');
      const link = mail.links.find((l) => l.includes('/confirm-email?token='));
      expect(link).toBeDefined();

      // Signed in before confirming: the account says what is missing, and can resend.
      response = await signIn(page, email, PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/account');
      expect(await page.locator('main').textContent()).toContain('Confirm your email address');
      await checkPage(page, response, JOURNEY, '04-account-unconfirmed');
      response = await submit(page, 'Send the link again');
      expect(await page.locator('main').textContent()).toContain('We have sent a new link.');
      await smtp.waitFor(email, /Confirm your email address/);

      response = await page.goto(pathOf(link ?? ''));
      await checkPage(page, response, JOURNEY, '05-confirm');
      // Opening the link alone (as a mail scanner does) changes nothing.
      expect(await listedCount(surname)).toBe(0);
      response = await submit(page, 'Confirm email address');
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toContain('Email address confirmed');
      await checkPage(page, response, JOURNEY, '06-confirmed');
      expect(await listedCount(surname)).toBe(1);

      // The same link again is spent.
      await page.goto(pathOf(link ?? ''));
      response = await submit(page, 'Confirm email address');
      expect(response?.status()).toBe(400);
      expect(await page.locator('h1').textContent()).toContain('The link has expired or was used');
      await checkPage(page, response, JOURNEY, '07-link-used');

      await page.goto('/account');
      expect(await page.locator('main').textContent()).not.toContain('Confirm your email address');
      // Form answers with 400 are logged by Chromium as failed loads; scripts and the CSP must be silent.
      expect(problems.filter((p) => !p.startsWith('Failed to load resource'))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'should reset a forgotten password by email with JavaScript off, saying the same for unknown addresses',
    async () => {
      const surname = searchableSurname('Reset');
      const email = `${surname.toLowerCase()}@example.test`;
      await api()
        .post('/api/v1/auth/register')
        .send({
          email,
          password: PASSWORD,
          givenName: 'Rui',
          familyName: surname,
          dateOfBirth: '1977-02-03',
        })
        .expect(201);
      const noJs = await newContext(session.browser(), { javaScript: false });
      const page = await noJs.newPage();

      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Forgotten your password?' }).click();
      let response = await submit(page, 'Send reset link');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter your email address',
      );

      const unknown = `nobody-${surname.toLowerCase()}@example.test`;
      await page.getByLabel('Email address').fill(unknown);
      response = await submit(page, 'Send reset link');
      const unknownText = (await page.locator('main').textContent())?.replace(unknown, 'X');

      await page.goto('/forgot-password');
      await page.getByLabel('Email address').fill(email.toUpperCase());
      response = await submit(page, 'Send reset link');
      expect(response?.status()).toBe(200);
      expect((await page.locator('main').textContent())?.replace(email.toUpperCase(), 'X')).toBe(
        unknownText,
      );
      await screenshot(page, JOURNEY, '08-reset-sent-no-js');

      const mail = await smtp.waitFor(email, /Reset your password/);
      const link = mail.links.find((l) => l.includes('/reset-password?token='));
      expect(link).toBeDefined();
      expect(smtp.mails.some((m) => m.to.includes(unknown))).toBe(false);
      const { rows } = await db().query<{ seconds: number }>(
        `SELECT extract(epoch FROM t.expires_at - t.created_at)::int AS seconds
           FROM account_tokens t JOIN users u ON u.id = t.user_id
          WHERE u.email = $1 AND t.purpose = 'password-reset'`,
        [email],
      );
      expect(rows.map((r) => r.seconds)).toEqual([3600]);

      await page.goto(pathOf(link ?? ''));
      await page.getByLabel('New password', { exact: true }).fill('short');
      response = await submit(page, 'Change password');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter a password of 12 to 128 characters',
      );
      await screenshot(page, JOURNEY, '09-reset-error-no-js');
      const fresh = 'a-brand-new-password';
      await page.getByLabel('New password', { exact: true }).fill(fresh);
      await page.getByLabel('Type the new password again').fill(fresh);
      response = await submit(page, 'Change password');
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toContain('Your password has been changed');

      await api().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(401);
      await api().post('/api/v1/auth/login').send({ email, password: fresh }).expect(200);

      // Single use: the same link cannot set another password.
      await page.goto(pathOf(link ?? ''));
      await page.getByLabel('New password', { exact: true }).fill('yet-another-password');
      await page.getByLabel('Type the new password again').fill('yet-another-password');
      response = await submit(page, 'Change password');
      expect(response?.status()).toBe(400);
      expect(await page.locator('h1').textContent()).toContain('The link has expired or was used');
      await api()
        .post('/api/v1/auth/login')
        .send({ email, password: 'yet-another-password' })
        .expect(401);
      await noJs.close();
    },
    TIMEOUT,
  );

  it(
    'should check the reset and confirmation pages with axe',
    async () => {
      const page = await session.context().newPage();
      let response = await page.goto('/forgot-password');
      await checkPage(page, response, JOURNEY, '10-forgot');
      expect(await sidewaysOverflow(page)).toBe(0);
      await page.getByLabel('Email address').fill('someone@example.test');
      response = await submit(page, 'Send reset link');
      await checkPage(page, response, JOURNEY, '11-forgot-sent');
      response = await page.goto('/reset-password?token=not-a-real-token-at-all');
      await checkPage(page, response, JOURNEY, '12-reset');
      response = await submit(page, 'Change password');
      await checkPage(page, response, JOURNEY, '13-reset-errors');
      response = await page.goto('/sign-up/employer');
      await checkPage(page, response, JOURNEY, '14-employer-sign-up');
      expect(await sidewaysOverflow(page)).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'should keep an active page session alive past the token lifetime, and refuse an expired one',
    async () => {
      const instance = await startInstance({ JWT_TTL_SECONDS: '30' });
      try {
        const email = `session-${Date.now()}@example.test`;
        await api()
          .post('/api/v1/auth/register')
          .send({
            email,
            password: PASSWORD,
            givenName: 'Sol',
            familyName: 'Active',
            dateOfBirth: '1970-01-01',
          })
          .expect(201);
        const context = await session.browser().newContext({ baseURL: instance.url });
        const page = await context.newPage();
        await signIn(page, email, PASSWORD);
        expect(new URL(page.url()).pathname).toBe('/account');
        const first = (await context.cookies()).find((c) => c.name === 'dlr_session')?.value;
        await new Promise((r) => setTimeout(r, 17_000));
        await page.goto('/account');
        const second = (await context.cookies()).find((c) => c.name === 'dlr_session')?.value;
        expect(second).toBeDefined();
        expect(second).not.toBe(first);
        await new Promise((r) => setTimeout(r, 16_000));
        // 33 s after signing in: the first token has expired, the session goes on.
        const response = await page.goto('/account');
        expect(response?.status()).toBe(200);
        expect(new URL(page.url()).pathname).toBe('/account');
        // The expired first token is refused by the API.
        await api().get('/api/v1/me').set('authorization', `Bearer ${first}`).expect(401);
        await context.close();
      } finally {
        await stopInstance(instance);
      }
      expect(await count(`SELECT 1 FROM users WHERE email LIKE 'session-%'`)).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});
