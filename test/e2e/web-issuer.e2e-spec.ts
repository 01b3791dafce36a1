import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, bearer } from '../support/app.js';
import { newIssuer, newPractitioner } from '../support/factories.js';
import { checkPage, newContext, signIn, submit, useBrowser } from '../support/web-browser.js';

const JOURNEY = 'issuer';
/** A real 1×1 PNG: the API checks the file's bytes, not just its name. */
const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const TIMEOUT = 120_000;

describe('Certifying body pages in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should let an issuer confirm a pending claim, which then shows as verified on the entry',
    async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner({ givenName: 'Claire', familyName: 'Claimant' });
      await api()
        .post('/api/v1/practitioners/me/claims')
        .set(bearer(p.token))
        .send({
          issuerId: issuer.id,
          kind: 'degree',
          title: 'MSc Digital Health Leadership',
          awardedOn: '2021-07-01',
        })
        .expect(201);
      // The practitioner attaches evidence through their own page (multipart, CSRF token in the query).
      const holderContext = await newContext(session.browser());
      const holderPage = await holderContext.newPage();
      await signIn(holderPage, p.email, p.password);
      let response = await holderPage.goto('/account/claims');
      await checkPage(holderPage, response, JOURNEY, '00-claims-before-evidence');
      const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-')), 'certificate.png');
      fs.writeFileSync(png, Buffer.from(TINY_PNG, 'base64'));
      await holderPage
        .getByLabel('Attach evidence for MSc Digital Health Leadership')
        .setInputFiles(png);
      response = await submit(holderPage, 'Upload evidence for MSc Digital Health Leadership');
      expect(await holderPage.locator('main').textContent()).toContain(
        'Evidence attached: certificate.png',
      );
      await checkPage(holderPage, response, JOURNEY, '00-claims-evidence-uploaded');
      await holderContext.close();

      const page = await session.context().newPage();
      response = await signIn(page, issuer.email, 'issuer-staff-password');
      expect(new URL(page.url()).pathname).toBe('/issuer/claims');
      await checkPage(page, response, JOURNEY, '01-pending-claims');

      [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('link', { name: /Review MSc Digital Health Leadership/ }).click(),
      ]);
      await checkPage(page, response, JOURNEY, '02-claim');
      const evidence = await page.request.get(
        (await page.getByRole('link', { name: 'certificate.png' }).getAttribute('href')) ?? '',
      );
      expect(evidence.status()).toBe(200);
      expect(evidence.headers()['content-type']).toContain('image/png');
      response = await submit(page, 'Reject claim');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter why your records do not support this claim',
      );
      await checkPage(page, response, JOURNEY, '03-reject-needs-reason');

      response = await submit(page, 'Confirm claim');
      expect(new URL(page.url()).pathname).toBe('/issuer/claims');
      expect(await page.locator('main').textContent()).toContain('Your decision was recorded');
      await checkPage(page, response, JOURNEY, '04-confirmed');

      response = await page.goto(`/register/${p.registerNumber}`);
      expect(await page.locator('main').textContent()).toContain('Verified by awarding body');
      await checkPage(page, response, JOURNEY, '05-entry-verified');
    },
    TIMEOUT,
  );

  it(
    'should issue one credential from the form, and many from a file with a per-row report',
    async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner({ givenName: 'Ifeoma', familyName: 'Issued' });
      const page = await session.context().newPage();
      await signIn(page, issuer.email, 'issuer-staff-password');

      let response = await page.goto('/issuer/credentials/new');
      await checkPage(page, response, JOURNEY, '06-issue-form');
      await page.getByLabel('Holder’s register number').fill(p.registerNumber);
      await page.getByLabel('Professional certificate').check();
      await page.getByLabel('Name of the qualification').fill('Certificate in Clinical Safety');
      const awarded = page.getByRole('group', { name: 'Date awarded' });
      await awarded.getByLabel('Day').fill('3');
      await awarded.getByLabel('Month').fill('2');
      await awarded.getByLabel('Year').fill('2024');
      response = await submit(page, 'Issue credential');
      expect(response?.status()).toBe(201);
      expect(await page.locator('h1').textContent()).toContain('Credential issued');
      await checkPage(page, response, JOURNEY, '07-issued');

      const csv = [
        'registerNumber,kind,title,awardedOn,issuerReference',
        `${p.registerNumber},certificate,Certificate in Digital Leadership,2024-05-01,REF-${Date.now()}-1`,
        `DL00000000,certificate,Certificate in Digital Leadership,2024-05-01,REF-${Date.now()}-2`,
      ].join('\n');
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-')), 'awards.csv');
      fs.writeFileSync(file, csv);
      response = await page.goto('/issuer/bulk');
      await checkPage(page, response, JOURNEY, '08-bulk-form');
      await page.getByLabel('Upload a file').setInputFiles(file);
      response = await submit(page, 'Upload and issue');
      expect(response?.status()).toBe(200);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('2 rows processed');
      expect(main).toContain('Refused');
      await checkPage(page, response, JOURNEY, '09-bulk-report');
    },
    TIMEOUT,
  );
});
