import request from 'supertest';
import { api, baseUrl } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';
import {
  checkPage,
  newContext,
  screenshot,
  submit,
  watchConsole,
  useBrowser,
} from '../support/web-browser.js';

const JOURNEY = 'register';
const TIMEOUT = 90_000;

/** The same number with its check digit changed: what a typo in the last digit looks like. */
function mistyped(registerNumber: string): string {
  const last = Number(registerNumber.slice(-1));
  return `${registerNumber.slice(0, -1)}${(last + 1) % 10}`;
}

describe('Register pages in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should search the register by name and open the entry, with its QR code and as-on date',
    async () => {
      const family = `Okafor${Date.now().toString(36)}`;
      const p = await newPractitioner({ givenName: 'Ngozi', familyName: family });
      const page = await session.context().newPage();
      const problems = watchConsole(page);

      let response = await page.goto('/');
      await checkPage(page, response, JOURNEY, '01-start');

      response = await page.goto('/register');
      await checkPage(page, response, JOURNEY, '02-search');
      await page
        .getByLabel('Name, register number or professional registration number')
        .fill(`Ngozi ${family}`);
      response = await submit(page, 'Search');
      expect(response?.status()).toBe(200);
      await checkPage(page, response, JOURNEY, '03-results');
      const link = page.getByRole('link', { name: `Ngozi ${family}` });
      expect(await link.count()).toBe(1);

      [response] = await Promise.all([page.waitForNavigation(), link.click()]);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toContain(`Ngozi ${family}`);
      expect(await page.locator('main').textContent()).toContain(p.registerNumber);
      expect(await page.locator('main').textContent()).toContain('Registered');
      expect(
        await page.getByAltText('QR code linking to this register entry').getAttribute('src'),
      ).toMatch(/^data:image\/svg\+xml;base64,/);
      await checkPage(page, response, JOURNEY, '04-entry');

      const today = new Date();
      await page.getByLabel('Day').fill(String(today.getUTCDate()));
      await page.getByLabel('Month').fill(String(today.getUTCMonth() + 1));
      await page.getByLabel('Year').fill(String(today.getUTCFullYear()));
      response = await submit(page, 'Show entry on this date');
      expect(await page.locator('main').textContent()).toContain('as it stood on');
      await checkPage(page, response, JOURNEY, '05-entry-as-on-date');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'should explain a register number whose check digit is wrong, keeping what was typed',
    async () => {
      const p = await newPractitioner();
      const wrong = mistyped(p.registerNumber);
      const page = await session.context().newPage();
      await page.goto('/register');
      await page
        .getByLabel('Name, register number or professional registration number')
        .fill(wrong);
      const response = await submit(page, 'Search');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Did you mistype the number?',
      );
      expect(await page.locator('.nhsuk-error-message').textContent()).toContain(
        'Did you mistype the number?',
      );
      expect(
        await page
          .getByLabel('Name, register number or professional registration number')
          .inputValue(),
      ).toBe(wrong);
      await page.locator('.nhsuk-error-summary a').first().click();
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('q');
      await checkPage(page, response, JOURNEY, '06-check-digit-error');

      const direct = await page.goto(`/register/${wrong}`);
      expect(direct?.status()).toBe(400);
      await checkPage(page, direct, JOURNEY, '07-entry-check-digit');
    },
    TIMEOUT,
  );

  it(
    'should work with JavaScript off and never reflect typed markup',
    async () => {
      const noJs = await newContext(session.browser(), { javaScript: false });
      const page = await noJs.newPage();
      let dialogs = 0;
      page.on('dialog', (dialog) => {
        dialogs += 1;
        void dialog.dismiss();
      });
      await page.goto('/register');
      const typed = '<img src=x onerror=alert(1)>"><script>alert(2)</script>';
      await page
        .getByLabel('Name, register number or professional registration number')
        .fill(typed);
      const response = await submit(page, 'Search');
      expect(response?.status()).toBeLessThan(500);
      expect(
        await page
          .getByLabel('Name, register number or professional registration number')
          .inputValue(),
      ).toBe(typed);
      expect(await page.locator('main img[src="x"]').count()).toBe(0);
      expect(dialogs).toBe(0);
      await screenshot(page, JOURNEY, '08-no-javascript');
      await noJs.close();
    },
    TIMEOUT,
  );

  it(
    'should send a per-request nonce CSP on pages and keep the strict one on the API',
    async () => {
      const first = await api().get('/register').expect(200);
      const second = await api().get('/register').expect(200);
      const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
      const nonce = nonceOf(first.headers['content-security-policy']);
      expect(nonce).toBeTruthy();
      expect(nonceOf(second.headers['content-security-policy'])).not.toBe(nonce);
      expect(first.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(first.text).toContain(`<script nonce="${nonce}">`);
      expect((first.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).length).toBe(1);
      const apiCsp = (await api().get('/api/v1/roles')).headers['content-security-policy'];
      expect(apiCsp).toContain("script-src 'self'");
      expect(apiCsp).not.toContain('nonce-');
      await api().get('/assets/images/favicon.svg').expect(200);
      await api().get(`/assets/web.css`).expect(200);
      await api().get('/assets/index.scss').expect(404);
    },
    TIMEOUT,
  );

  it(
    'should refuse a form without its CSRF token, keep the session cookie HTTP-only and same-site, and guard signed-in pages',
    async () => {
      const refused = await api()
        .post('/check')
        .type('form')
        .send({ registerNumber: 'DL12345671' });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('The form has expired');

      const p = await newPractitioner();
      const agent = request.agent(baseUrl());
      const page = await agent.get('/sign-in').expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const signedIn = await agent
        .post('/sign-in')
        .type('form')
        .send({ email: p.email, password: p.password, next: '//evil.example', _csrf: csrf })
        .expect(303);
      expect(signedIn.headers.location).toBe('/account');
      const cookie = ([] as string[])
        .concat(signedIn.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('dlr_session='));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      await agent.get('/account').expect(200);
      const forbidden = await agent.get('/issuer/claims').expect(403);
      expect(forbidden.text).toContain('This page is for staff of certifying bodies');
      // The cookie is for pages only: the JSON API still wants a bearer token.
      await agent.get('/api/v1/practitioners/me').expect(401);

      const anonymous = await api().get('/account/share-codes').expect(303);
      expect(anonymous.headers.location).toBe('/sign-in?next=%2Faccount%2Fshare-codes');
    },
    TIMEOUT,
  );
});
