import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { api, bearer, REGISTRAR } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  searchableSurname,
} from '../support/factories.js';
import { startInstance, stopInstance, type Instance } from '../support/instances.js';
import { checkPage, newContext, signIn, submit, useBrowser } from '../support/web-browser.js';

/** Issue 12, "Found in the pages that exist": each finding, as a person meets it in Chromium. */
const JOURNEY = 'findings';
const TIMEOUT = 180_000;
const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const tempFile = (name: string, content: string | Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'findings-')), name);
  fs.writeFileSync(file, content);
  return file;
};

/** WCAG 1.4.10: nothing wider than the window, so no sideways scrolling. */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

describe('Findings in the existing pages (issue 12)', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should issue a CPD record from the issue form, with its hours, and say a bad end date plainly',
    async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner({ givenName: 'Cedric', familyName: 'Hours' });
      const page = await session.context().newPage();
      page.setDefaultTimeout(10_000);
      await signIn(page, issuer.email, 'issuer-staff-password');
      await page.goto('/issuer/credentials/new');
      await page.getByLabel('Holder’s register number').fill(p.registerNumber);
      await page.getByLabel('CPD record').check();
      await page.getByLabel('Name of the qualification').fill('Clinical safety study day');
      const awarded = page.getByRole('group', { name: 'Date awarded' });
      await awarded.getByLabel('Day').fill('3');
      await awarded.getByLabel('Month').fill('2');
      await awarded.getByLabel('Year').fill('2024');
      const until = page.getByRole('group', { name: 'Valid until (optional)' });
      await until.getByLabel('Day').fill('1');
      await until.getByLabel('Month').fill('1');
      await until.getByLabel('Year').fill('2020');
      let response = await submit(page, 'Issue credential');
      expect(response?.status()).toBe(400);
      const summary = (await page.locator('.nhsuk-error-summary').textContent()) ?? '';
      expect(summary).toContain('Enter the number of CPD hours');
      // Each error links to a field on the page.
      for (const href of await page
        .locator('.nhsuk-error-summary a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
        expect(await page.locator(href ?? '#none').count()).toBe(1);
      }
      await checkPage(page, response, JOURNEY, '01-cpd-needs-hours');

      await page.getByLabel('CPD hours').fill('7.5');
      response = await submit(page, 'Issue credential');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'The end date must be after the date awarded',
      );
      expect(await mainText(page)).not.toContain('awardedOn');
      await until.getByLabel('Year').fill('2027');
      response = await submit(page, 'Issue credential');
      expect(response?.status()).toBe(201);
      await checkPage(page, response, JOURNEY, '02-cpd-issued');
      const { rows } = await import('../support/app.js').then(({ db }) =>
        db().query<{ cpd_hours: string }>(
          `SELECT c.cpd_hours::text FROM credentials c JOIN practitioners p ON p.id = c.practitioner_id
           WHERE p.register_number = $1`,
          [p.registerNumber],
        ),
      );
      expect(rows.map((r) => Number(r.cpd_hours))).toEqual([7.5]);
    },
    TIMEOUT,
  );

  it(
    'should fit every page with a table into 320 px without sideways scrolling',
    async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner({
        givenName: 'Rhiannon',
        familyName: 'Reflowington-Longsurname',
        dateOfBirth: '1979-03-08',
      });
      await api()
        .post('/api/v1/credentials')
        .set(bearer(issuer.token))
        .set('Idempotency-Key', idempotencyKey())
        .send({
          registerNumber: p.registerNumber,
          kind: 'degree',
          title: 'MSc Health Informatics and Digital Transformation',
          subject: 'Health Informatics',
          level: 7,
          result: 'Distinction',
          awardedOn: '2019-07-14',
        })
        .expect(201);
      await api()
        .post('/api/v1/practitioners/me/claims')
        .set(bearer(p.token))
        .send({
          issuerId: issuer.id,
          kind: 'degree',
          title: 'Postgraduate Certificate in Healthcare Leadership',
          awardedOn: '2021-07-01',
        })
        .expect(201);
      await api()
        .post('/api/v1/share-codes')
        .set(bearer(p.token))
        .send({ purpose: 'Pre-employment checks for the CCIO post at Testshire', expiresInDays: 7 })
        .expect(201);

      const context = await session.browser().newContext({
        baseURL: (await import('../support/app.js')).baseUrl(),
        viewport: { width: 320, height: 640 },
      });
      const page = await context.newPage();
      const widths: Record<string, number> = {};

      // A check by a visitor, so the receipt has its comparison table and the holder a check to see.
      await page.goto('/check');
      await page.getByLabel('Register number').fill(p.registerNumber);
      await page.getByLabel('Degree').check();
      await page
        .getByLabel('Name of the qualification')
        .fill('MSc Health Informatics and Digital Transformation');
      await page.getByLabel('Awarding body').fill(issuer.name);
      await page.getByLabel('Result or grade (optional)').fill('Merit');
      await submit(page, 'Check qualification');
      expect(new URL(page.url()).pathname).toMatch(/^\/receipts\//);
      widths.receipt = await sidewaysOverflow(page);

      await signIn(page, p.email, p.password);
      await page.goto('/account/share-codes');
      widths.shareCodes = await sidewaysOverflow(page);
      await page.goto('/account/checks');
      expect(await page.locator('main table').count()).toBe(1);
      widths.whoChecked = await sidewaysOverflow(page);

      await signIn(page, issuer.email, 'issuer-staff-password');
      await page.goto('/issuer/claims');
      widths.issuerClaims = await sidewaysOverflow(page);
      const csv = [
        'registerNumber,kind,title,awardedOn,issuerReference',
        `${p.registerNumber},diploma,Certificate in Digital Leadership,2024-05-01,REF-A-${Date.now()}`,
        `DL00000000,certificate,Certificate in Digital Leadership,2024-05-01,REF-B-${Date.now()}`,
      ].join('\n');
      await page.goto('/issuer/bulk');
      await page.getByLabel('Upload a file').setInputFiles(tempFile('awards.csv', csv));
      await submit(page, 'Upload and issue');
      widths.bulkReport = await sidewaysOverflow(page);
      await context.close();

      expect(widths).toEqual({
        receipt: 0,
        shareCodes: 0,
        whoChecked: 0,
        issuerClaims: 0,
        bulkReport: 0,
      });
    },
    TIMEOUT,
  );

  it(
    'should word the register, share codes and bulk issue for people, not developers',
    async () => {
      const surname = searchableSurname('Wording');
      const p = await newPractitioner({ givenName: 'Winifred', familyName: surname });
      const page = await session.context().newPage();

      let response = await page.goto(`/register?q=${surname}&page=999`);
      expect(await mainText(page)).not.toMatch(/Showing \d+ to \d+ of/);
      expect(await mainText(page)).toContain('There are no results on page 999');
      await checkPage(page, response, JOURNEY, '10-page-past-the-end');

      // A name a letter out is found, and said to be a similar name rather than the one typed.
      response = await page.goto(`/register?q=Winifred+${surname.slice(0, -1)}x`);
      expect(await page.locator('tbody').textContent()).toContain('Similar name');
      response = await page.goto(`/register?q=Winifred+${surname}`);
      expect(await page.locator('tbody').textContent()).not.toContain('Similar name');

      response = await page.goto(`/register/${p.registerNumber}?at=2001-01-01`);
      expect(response?.status()).toBe(200);
      expect(await mainText(page)).toContain('was not on the register on 1 January 2001');
      await checkPage(page, response, JOURNEY, '11-before-joining');

      await signIn(page, p.email, p.password);
      await page.goto('/account/share-codes');
      await page.getByLabel('Who is it for, and why?').fill('Pre-employment checks for CCIO post');
      await page.getByLabel('Days until it expires').fill('7');
      response = await submit(page, 'Create share code');
      const created = await mainText(page);
      expect(created).not.toContain('to Pre-employment checks');
      expect(created).toContain('You said it is for: Pre-employment checks for CCIO post');
      await checkPage(page, response, JOURNEY, '12-share-code-created');

      const issuer = await newIssuer();
      await signIn(page, issuer.email, 'issuer-staff-password');
      response = await page.goto('/issuer/bulk');
      for (const column of ['registerNumber', 'kind', 'title', 'awardedOn', 'issuerReference'])
        expect(await page.locator('main table').textContent()).toContain(column);
      await checkPage(page, response, JOURNEY, '13-bulk-columns');

      await page
        .getByLabel('Upload a file')
        .setInputFiles(tempFile('certificate.csv', Buffer.from(TINY_PNG, 'base64')));
      response = await submit(page, 'Upload and issue');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'The file is not a CSV or JSON file',
      );
      await checkPage(page, response, JOURNEY, '14-bulk-binary');

      const csv = [
        'registerNumber,kind,title,awardedOn,issuerReference',
        `${p.registerNumber},diploma,Certificate in Digital Leadership,2024-13-01,REF-C-${Date.now()}`,
      ].join('\n');
      await page.getByLabel('Upload a file').setInputFiles(tempFile('awards.csv', csv));
      response = await submit(page, 'Upload and issue');
      const problems = (await page.locator('main table').textContent()) ?? '';
      expect(problems).toContain('Type of credential (kind)');
      expect(problems).toContain('Date awarded (awardedOn)');
      expect(problems).not.toMatch(/must be one of the following values|ISO 8601/);
      await checkPage(page, response, JOURNEY, '15-bulk-readable-errors');
    },
    TIMEOUT,
  );

  it(
    'should say what a verified credential is and who holds it',
    async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner({ givenName: 'Valentina', familyName: 'Verified' });
      const issued = await api()
        .post('/api/v1/credentials')
        .set(bearer(issuer.token))
        .set('Idempotency-Key', idempotencyKey())
        .send({
          registerNumber: p.registerNumber,
          kind: 'certificate',
          title: 'Certificate in Clinical Safety',
          awardedOn: '2023-04-01',
        })
        .expect(201);
      const vc = await api()
        .get(`/api/v1/credentials/${issued.body.id as string}/vc`)
        .set(bearer(p.token))
        .expect(200);
      const page = await session.context().newPage();
      await page.goto('/verify-credential');
      await page.getByLabel('Paste the credential').fill(JSON.stringify(vc.body));
      const response = await submit(page, 'Verify credential');
      const main = await mainText(page);
      expect(main).toContain('Certificate in Clinical Safety');
      expect(main).toContain('Valentina Verified');
      expect(main).toContain(p.registerNumber);
      expect(main).toContain(issuer.name);
      await checkPage(page, response, JOURNEY, '16-credential-what-and-who');
    },
    TIMEOUT,
  );

  it(
    'should give each role somewhere to land, and footer pages for privacy, accessibility and contact',
    async () => {
      const page = await session.context().newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
      let response = await page.goto('/sign-in');
      expect(await mainText(page)).not.toContain('for now');
      for (const [link, heading] of [
        ['Privacy', 'Privacy notice'],
        ['Accessibility statement', 'Accessibility statement'],
        ['Contact us', 'Contact us'],
      ]) {
        await page.goto('/');
        [response] = await Promise.all([
          page.waitForNavigation(),
          page.locator('footer').getByRole('link', { name: link, exact: true }).click(),
        ]);
        expect(response?.status()).toBe(200);
        expect(await page.locator('h1').textContent()).toContain(heading);
        await checkPage(page, response, JOURNEY, `17-${link.toLowerCase().replace(/ /g, '-')}`);
      }
      // The NHS stylesheet no longer asks an outside host for fonts the CSP blocks.
      expect(errors).toEqual([]);

      response = await signIn(page, REGISTRAR.email, REGISTRAR.password);
      expect(new URL(page.url()).pathname).toBe('/registrar');
      expect(await page.locator('h1').textContent()).toContain('Registrar');
      await checkPage(page, response, JOURNEY, '18-registrar-home');
    },
    TIMEOUT,
  );

  it(
    'should show the deciding body the date of birth and former names, and say who decides an unrecognised claim',
    async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner({
        givenName: 'Dorothea',
        familyName: 'Decide',
        dateOfBirth: '1979-03-08',
      });
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ familyName: 'Decided', nameChangeReason: 'Marriage' })
        .expect(200);
      await api()
        .post('/api/v1/practitioners/me/claims')
        .set(bearer(p.token))
        .send({
          issuerId: issuer.id,
          kind: 'degree',
          title: 'MSc Consent',
          awardedOn: '2020-07-01',
        })
        .expect(201);
      await api()
        .post('/api/v1/practitioners/me/claims')
        .set(bearer(p.token))
        .send({
          awardingBody: 'College of Nowhere',
          kind: 'degree',
          title: 'BSc Unrecognised',
          awardedOn: '2010-07-01',
        })
        .expect(201);
      const page = await session.context().newPage();
      await signIn(page, issuer.email, 'issuer-staff-password');
      await page.goto('/issuer/claims');
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('link', { name: /Review MSc Consent/ }).click(),
      ]);
      const main = await mainText(page);
      expect(main).toContain('8 March 1979');
      expect(main).toContain('Dorothea Decide');
      await checkPage(page, response, JOURNEY, '19-claim-with-dob');

      await page.goto(`/register/${p.registerNumber}`);
      const entry = await mainText(page);
      expect(entry).toMatch(/BSc Unrecognised[^]*registrar checks the documents/);
    },
    TIMEOUT,
  );

  it(
    'should pass axe on the API documentation the footer links to',
    async () => {
      const page = await session.context().newPage();
      const response = await page.goto('/api/docs');
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toContain('API');
      expect(await mainText(page)).toContain('/api/v1/register/{registerNumber}');
      await checkPage(page, response, JOURNEY, '20-api-docs');
    },
    TIMEOUT,
  );

  it(
    'should send uploads with the CSRF token in the body, and set headers that agree',
    async () => {
      const issuer = await newIssuer();
      const context = await newContext(session.browser());
      const page = await context.newPage();
      await signIn(page, issuer.email, 'issuer-staff-password');
      const response = await page.goto('/issuer/bulk');
      expect(await page.locator('form[enctype="multipart/form-data"]').getAttribute('action')).toBe(
        '/issuer/bulk',
      );
      const headers = response?.headers() ?? {};
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['permissions-policy']).toContain('camera=()');
      const csv = [
        'registerNumber,kind,title,awardedOn,issuerReference',
        `DL00000000,certificate,Certificate in Digital Leadership,2024-05-01,REF-D-${Date.now()}`,
      ].join('\n');
      await page.getByLabel('Upload a file').setInputFiles(tempFile('awards.csv', csv));
      const sent = await submit(page, 'Upload and issue');
      expect(sent?.status()).toBe(200);
      expect(await mainText(page)).toContain('rows processed');
      await context.close();
    },
    TIMEOUT,
  );

  describe('behind a TLS proxy', () => {
    let instance: Instance | undefined;
    beforeAll(async () => {
      instance = await startInstance({ TRUST_PROXY: 'true' });
    }, TIMEOUT);
    afterAll(() => stopInstance(instance));

    it(
      'should mark the session and CSRF cookies Secure when the proxy says https',
      async () => {
        const url = instance?.url ?? '';
        const form = await fetch(`${url}/sign-in`, { headers: { 'x-forwarded-proto': 'https' } });
        const csrfCookie = form.headers.getSetCookie().find((c) => c.startsWith('_csrf='));
        expect(csrfCookie).toMatch(/;\s*Secure/i);
        const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
        const signedIn = await fetch(`${url}/sign-in`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'x-forwarded-proto': 'https',
            'content-type': 'application/x-www-form-urlencoded',
            cookie: (csrfCookie ?? '').split(';')[0] ?? '',
          },
          body: new URLSearchParams({
            _csrf: token,
            email: REGISTRAR.email,
            password: REGISTRAR.password,
          }).toString(),
        });
        expect(signedIn.status).toBe(303);
        const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('dlr_session='));
        expect(session).toMatch(/;\s*Secure/i);
      },
      TIMEOUT,
    );
  });
});
