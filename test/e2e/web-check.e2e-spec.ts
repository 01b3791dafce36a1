import type { Page } from 'playwright-core';
import { api, auditSettled, bearer } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  type TestIssuer,
  type TestPractitioner,
} from '../support/factories.js';
import { checkPage, submit, watchConsole, useBrowser } from '../support/web-browser.js';

const JOURNEY = 'check';
const TIMEOUT = 90_000;

const DEGREE = {
  kind: 'degree',
  title: 'MSc Health Informatics',
  subject: 'Health Informatics',
  level: 7,
  result: 'Distinction',
  awardedOn: '2019-07-14',
};

async function fillCheck(
  page: Page,
  registerNumber: string,
  claim: { title: string; awardingBody: string; result?: string; year?: string },
) {
  await page.goto('/check');
  await page.getByLabel('Register number').fill(registerNumber);
  await page.getByLabel('Degree').check();
  await page.getByLabel('Name of the qualification').fill(claim.title);
  await page.getByLabel('Awarding body').fill(claim.awardingBody);
  if (claim.result) await page.getByLabel('Result or grade (optional)').fill(claim.result);
  if (claim.year) await page.getByLabel('Year awarded (optional)').fill(claim.year);
  return submit(page, 'Check qualification');
}

describe('Check a qualification in the browser', () => {
  const session = useBrowser(TIMEOUT);
  let issuer: TestIssuer;
  let holder: TestPractitioner;
  let credentialId: string;

  beforeAll(async () => {
    issuer = await newIssuer();
    holder = await newPractitioner({ givenName: 'Amara', familyName: 'Check' });
    const issued = await api()
      .post('/api/v1/credentials')
      .set(bearer(issuer.token))
      .set('Idempotency-Key', idempotencyKey())
      .send({ registerNumber: holder.registerNumber, ...DEGREE })
      .expect(201);
    credentialId = issued.body.id as string;
  }, TIMEOUT);

  it(
    'should show errors the NHS.UK way when the form is sent empty',
    async () => {
      const page = await session.context().newPage();
      const form = await page.goto('/check');
      await checkPage(page, form, JOURNEY, '01-form');
      const response = await submit(page, 'Check qualification');
      expect(response?.status()).toBe(400);
      const summary = await page.locator('.nhsuk-error-summary').textContent();
      expect(summary).toContain('Enter the register number');
      expect(summary).toContain('Select the type of qualification');
      expect(await page.locator('.nhsuk-error-message').count()).toBe(4);
      expect(await page.title()).toMatch(/^Error: /);
      await checkPage(page, response, JOURNEY, '02-form-errors');
    },
    TIMEOUT,
  );

  it(
    'should verify a claim that matches the record, with a receipt anyone can look up',
    async () => {
      const page = await session.context().newPage();
      const problems = watchConsole(page);
      const response = await fillCheck(page, holder.registerNumber, {
        title: DEGREE.title,
        awardingBody: issuer.name,
        result: 'Distinction',
        year: '2019',
      });
      expect(response?.status()).toBe(200);
      expect(page.url()).toMatch(/\/receipts\//);
      expect(await page.locator('h1').textContent()).toContain('Qualification verified');
      expect(await page.locator('table').textContent()).toContain('Matches');
      const reference = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      expect(await page.locator('main').textContent()).toContain(reference);
      expect(await page.getByRole('button', { name: 'Print this receipt' }).isVisible()).toBe(true);
      await checkPage(page, response, JOURNEY, '03-verified');

      await page.goto('/receipts');
      await page.getByLabel('Receipt reference').fill(reference);
      const found = await submit(page, 'Find receipt');
      expect(await page.locator('h1').textContent()).toContain('Qualification verified');
      expect(await page.locator('main').textContent()).toContain(
        'Yes: the register checked its signature',
      );
      await checkPage(page, found, JOURNEY, '04-receipt-lookup');

      await auditSettled();
      await page.reload();
      const main = await page.locator('main').textContent();
      expect(main).toMatch(
        /In the public audit log\s*Yes: entry \d+ of the log’s signed checkpoint/,
      );
      await page.getByText('Proof this check is in the public audit log').click();
      expect(await page.locator('main').textContent()).toContain('Inclusion proof');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'should show a partial match field by field',
    async () => {
      const page = await session.context().newPage();
      const response = await fillCheck(page, holder.registerNumber, {
        title: DEGREE.title,
        awardingBody: issuer.name,
        result: 'Merit',
        year: '2019',
      });
      expect(await page.locator('h1').textContent()).toContain('Some details do not match');
      const rows = page.locator('tbody tr', { hasText: 'Result or grade' });
      expect(await rows.textContent()).toContain('Does not match');
      expect(await rows.textContent()).toContain('Distinction');
      await checkPage(page, response, JOURNEY, '05-partial');
    },
    TIMEOUT,
  );

  it(
    'should say when the awarding body rejected the claim',
    async () => {
      const claimant = await newPractitioner({ givenName: 'Rex', familyName: 'Jected' });
      const declared = await api()
        .post('/api/v1/practitioners/me/claims')
        .set(bearer(claimant.token))
        .send({
          issuerId: issuer.id,
          kind: 'degree',
          title: 'MBA Health Leadership',
          awardedOn: '2020-06-30',
        })
        .expect(201);
      await api()
        .post(`/api/v1/claims/${declared.body.id as string}/reject`)
        .set(bearer(issuer.token))
        .send({ reason: 'No such award in our records' })
        .expect((res) => expect([200, 201]).toContain(res.status));
      const page = await session.context().newPage();
      const response = await fillCheck(page, claimant.registerNumber, {
        title: 'MBA Health Leadership',
        awardingBody: issuer.name,
      });
      expect(await page.locator('h1').textContent()).toContain('Rejected by the awarding body');
      await checkPage(page, response, JOURNEY, '06-rejected');
    },
    TIMEOUT,
  );

  it(
    'should verify a pasted credential and show each check, and fail a tampered one',
    async () => {
      const vc = await api()
        .get(`/api/v1/credentials/${credentialId}/vc`)
        .set(bearer(holder.token))
        .expect(200);
      const page = await session.context().newPage();
      const form = await page.goto('/verify-credential');
      await checkPage(page, form, JOURNEY, '07-verify-credential-form');
      await page.getByLabel('Paste the credential').fill(JSON.stringify(vc.body));
      let response = await submit(page, 'Verify credential');
      expect(await page.locator('h1').textContent()).toContain('Credential verified');
      expect(await page.locator('main').textContent()).toContain('Signature');
      await checkPage(page, response, JOURNEY, '08-credential-verified');

      const tampered = JSON.parse(JSON.stringify(vc.body));
      tampered.validFrom = '2001-01-01T00:00:00Z';
      await page.goto('/verify-credential');
      await page.getByLabel('Paste the credential').fill(JSON.stringify(tampered));
      response = await submit(page, 'Verify credential');
      expect(await page.locator('h1').textContent()).toContain('Credential not verified');
      await checkPage(page, response, JOURNEY, '09-credential-not-verified');
    },
    TIMEOUT,
  );
});
