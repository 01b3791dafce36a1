import type { Page } from 'playwright-core';
import { api, bearer } from '../support/app.js';
import { newIssuer, newPractitioner, type TestIssuer } from '../support/factories.js';
import { checkPage, newContext, signIn, submit, useBrowser } from '../support/web-browser.js';

/** Issue 12 item 3: a certifying body's credentials, status changes, API keys and staff. */
const JOURNEY = 'issuer-manage';
const TIMEOUT = 180_000;
const STAFF_PASSWORD = 'issuer-staff-password';

async function issueMany(issuer: TestIssuer, registerNumber: string, count: number, title: string) {
  const stamp = Date.now();
  const rows = Array.from(
    { length: count },
    (_, i) => `${registerNumber},certificate,${title} ${i + 1},2024-05-01,${title}-${stamp}-${i}`,
  );
  const res = await api()
    .post('/api/v1/credentials/bulk')
    .set('x-api-key', issuer.apiKey)
    .set('content-type', 'text/csv')
    .send(['registerNumber,kind,title,awardedOn,issuerReference', ...rows].join('\n'))
    .expect(200);
  expect((res.body as { summary: { issued: number } }).summary.issued).toBe(count);
}

const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

describe('Certifying body management pages', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should page the credentials API by cursor, search it, and keep each body to its own staff',
    async () => {
      const issuer = await newIssuer();
      const other = await newIssuer();
      const p = await newPractitioner();
      await issueMany(issuer, p.registerNumber, 3, 'Cursor Course');
      const first = await api()
        .get('/api/v1/credentials?pageSize=2')
        .set(bearer(issuer.token))
        .expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.total).toBe(3);
      const second = await api()
        .get(`/api/v1/credentials?pageSize=2&cursor=${first.body.next as string}`)
        .set(bearer(issuer.token))
        .expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.next).toBeNull();
      const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
      expect(new Set(ids).size).toBe(3);
      const bad = await api()
        .get('/api/v1/credentials?cursor=nonsense')
        .set(bearer(issuer.token))
        .expect(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const found = await api()
        .get('/api/v1/credentials?q=course%202')
        .set(bearer(issuer.token))
        .expect(200);
      expect(found.body.items.map((c: { title: string }) => c.title)).toEqual(['Cursor Course 2']);

      const staff = await api()
        .get(`/api/v1/issuers/${issuer.id}/staff`)
        .set(bearer(issuer.token))
        .expect(200);
      expect(staff.body.map((s: { email: string }) => s.email)).toEqual([issuer.email]);
      await api().get(`/api/v1/issuers/${issuer.id}/staff`).set(bearer(other.token)).expect(404);
      await api()
        .post(`/api/v1/issuers/${issuer.id}/staff`)
        .set(bearer(other.token))
        .send({ email: `x-${Date.now()}@example.test`, password: 'a-long-password-1' })
        .expect(404);
      await api().get(`/api/v1/issuers/${issuer.id}/staff`).set(bearer(p.token)).expect(403);
    },
    TIMEOUT,
  );

  it(
    'should list, search and page what a body issued, and suspend, reinstate, renew and revoke with reasons',
    async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner({ givenName: 'Lorna', familyName: 'Listed' });
      await issueMany(issuer, p.registerNumber, 21, 'Paged Course');
      await issueMany(issuer, p.registerNumber, 1, 'Safety Leadership');
      const page = await session.context().newPage();
      await signIn(page, issuer.email, STAFF_PASSWORD);

      let response = await page.goto('/issuer/credentials');
      expect(await page.locator('h2#results-heading').textContent()).toContain('22 credentials');
      expect(await page.locator('tbody tr').count()).toBe(20);
      await checkPage(page, response, JOURNEY, '01-list');
      [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('link', { name: 'Next page' }).click(),
      ]);
      expect(await page.locator('tbody tr').count()).toBe(2);
      await checkPage(page, response, JOURNEY, '02-list-next-page');

      await page.goto('/issuer/credentials');
      await page.getByLabel('Title or your reference').fill('safety');
      response = await submit(page, 'Search credentials');
      expect(await page.locator('tbody tr').count()).toBe(1);
      [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('link', { name: 'Safety Leadership 1' }).click(),
      ]);
      await checkPage(page, response, JOURNEY, '03-credential');

      response = await submit(page, 'Suspend credential');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter why the credential is being suspended',
      );
      await checkPage(page, response, JOURNEY, '04-suspend-needs-reason');
      await page.locator('#suspendReason').fill('Investigating a complaint');
      response = await submit(page, 'Suspend credential');
      expect(await page.locator('main').textContent()).toContain('The credential was suspended');
      expect(await page.locator('main').textContent()).toContain('Investigating a complaint');
      await checkPage(page, response, JOURNEY, '05-suspended');

      await page.locator('#reinstateReason').fill('Complaint not upheld');
      await submit(page, 'Reinstate credential');
      expect(await page.locator('main').textContent()).toContain('The credential was reinstated');

      response = await submit(page, 'Renew credential');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter the new end date',
      );
      const until = page.getByRole('group', { name: 'New end date' });
      await until.getByLabel('Day').fill('1');
      await until.getByLabel('Month').fill('6');
      await until.getByLabel('Year').fill(String(new Date().getFullYear() + 3));
      await submit(page, 'Renew credential');
      expect(await page.locator('main').textContent()).toContain('The credential was renewed');

      await page.locator('#revokeReason').fill('Awarded in error');
      response = await submit(page, 'Revoke credential');
      expect(await page.locator('main').textContent()).toContain('The credential was revoked');
      expect(await page.getByRole('button', { name: 'Revoke credential' }).count()).toBe(0);
      await checkPage(page, response, JOURNEY, '06-revoked');
      const credentialUrl = page.url();

      // Another body's staff and a practitioner cannot use it.
      const other = await newIssuer();
      const otherContext = await newContext(session.browser());
      const otherPage = await otherContext.newPage();
      await signIn(otherPage, other.email, STAFF_PASSWORD);
      response = await otherPage.goto(credentialUrl);
      expect(response?.status()).toBe(404);
      await signIn(otherPage, p.email, p.password);
      response = await otherPage.goto('/issuer/credentials');
      expect(response?.status()).toBe(403);
      await otherContext.close();
    },
    TIMEOUT,
  );

  it(
    'should create an API key shown once, revoke it, and add staff, with JavaScript off at 320 px',
    async () => {
      const issuer = await newIssuer();
      const context = await session.browser().newContext({
        baseURL: (await import('../support/app.js')).baseUrl(),
        javaScriptEnabled: false,
        viewport: { width: 320, height: 640 },
      });
      const page = await context.newPage();
      await signIn(page, issuer.email, STAFF_PASSWORD);
      await page.goto('/issuer/api-keys');
      let response = await submit(page, 'Create API key');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter a name for the key',
      );
      await page.getByLabel('Name of the key').fill('Student records');
      response = await submit(page, 'Create API key');
      expect(response?.status()).toBe(201);
      const key = ((await page.locator('#new-key').textContent()) ?? '').trim();
      await api().get('/api/v1/credentials').set('x-api-key', key).expect(200);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.goto('/issuer/api-keys');
      expect(await page.locator('main').textContent()).not.toContain(key);
      await submit(page, 'Revoke key Student records');
      expect(await page.locator('main').textContent()).toContain('The key was revoked');
      await api().get('/api/v1/credentials').set('x-api-key', key).expect(401);

      await page.goto('/issuer/staff');
      const email = `colleague-${Date.now()}@testshire.example`;
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('First password').fill('short');
      response = await submit(page, 'Add staff member');
      expect(response?.status()).toBe(400);
      await page.getByLabel('First password').fill('a-colleague-password-1');
      await submit(page, 'Add staff member');
      expect(await page.locator('main').textContent()).toContain(email);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.goto('/issuer/credentials');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await context.close();

      const colleague = await session.browser().newContext({
        baseURL: (await import('../support/app.js')).baseUrl(),
      });
      const colleaguePage = await colleague.newPage();
      await signIn(colleaguePage, email, 'a-colleague-password-1');
      expect(new URL(colleaguePage.url()).pathname).toBe('/issuer/claims');
      response = await colleaguePage.goto('/issuer/staff');
      await checkPage(colleaguePage, response, JOURNEY, '07-staff');
      response = await colleaguePage.goto('/issuer/api-keys');
      await checkPage(colleaguePage, response, JOURNEY, '08-api-keys');
      await colleague.close();
    },
    TIMEOUT,
  );
});
