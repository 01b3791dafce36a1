import { api, bearer } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';
import { checkPage, newContext, signIn, submit, useBrowser } from '../support/web-browser.js';

const JOURNEY = 'share-code';
const TIMEOUT = 90_000;

async function fillShareCode(
  page: import('playwright-core').Page,
  code: string,
  dob: [string, string, string],
) {
  await page.goto('/share-code');
  await page.getByLabel('Share code').fill(code);
  await page.getByLabel('Day').fill(dob[0]);
  await page.getByLabel('Month').fill(dob[1]);
  await page.getByLabel('Year').fill(dob[2]);
  return submit(page, 'See the record');
}

describe('Share codes in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should show the full record for a code and date of birth, and the same error for any mistake',
    async () => {
      const p = await newPractitioner({
        givenName: 'Sana',
        familyName: 'Share',
        dateOfBirth: '1979-03-08',
      });
      const created = await api()
        .post('/api/v1/share-codes')
        .set(bearer(p.token))
        .send({ purpose: 'Pre-employment checks at Testshire NHS Trust', expiresInDays: 7 })
        .expect(201);
      const code = created.body.code as string;
      const page = await session.context().newPage();

      const form = await page.goto('/share-code');
      await checkPage(page, form, JOURNEY, '01-form');

      let response = await fillShareCode(page, code, ['9', '3', '1979']);
      expect(response?.status()).toBe(404);
      const wrongDob = await page.locator('.nhsuk-error-summary').textContent();
      expect(wrongDob).toContain('No record matches that share code and date of birth');
      expect(await page.getByLabel('Share code').inputValue()).toBe(code);
      await checkPage(page, response, JOURNEY, '02-no-match');

      response = await fillShareCode(page, 'ACD-EFG-HJK', ['8', '3', '1979']);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toBe(wrongDob);

      response = await fillShareCode(page, code.toLowerCase(), ['8', '3', '1979']);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toContain('Sana Share');
      expect(await page.locator('main').textContent()).toContain(
        'Pre-employment checks at Testshire NHS Trust',
      );
      await checkPage(page, response, JOURNEY, '03-full-record');
    },
    TIMEOUT,
  );

  it(
    'should let a practitioner make a share code and see who used it',
    async () => {
      const p = await newPractitioner({
        givenName: 'Tomas',
        familyName: 'Account',
        dateOfBirth: '1985-11-02',
      });
      const page = await session.context().newPage();
      let response = await signIn(page, p.email, p.password);
      expect(new URL(page.url()).pathname).toBe('/account');
      expect(await page.locator('h1').textContent()).toContain('Tomas Account');
      await checkPage(page, response, JOURNEY, '04-account');

      response = await page.goto('/account/share-codes');
      await checkPage(page, response, JOURNEY, '05-share-codes');
      response = await submit(page, 'Create share code');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter who the code is for and why',
      );
      await checkPage(page, response, JOURNEY, '06-share-code-errors');

      await page.getByLabel('Who is it for, and why?').fill('Board appointment at Northshire ICB');
      response = await submit(page, 'Create share code');
      expect(response?.status()).toBe(201);
      const code = ((await page.locator('.app-receipt-reference').textContent()) ?? '').trim();
      expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
      await checkPage(page, response, JOURNEY, '07-share-code-created');

      const other = await newContext(session.browser());
      const visitor = await other.newPage();
      await fillShareCode(visitor, code, ['2', '11', '1985']);
      expect(await visitor.locator('h1').textContent()).toContain('Tomas Account');
      await other.close();

      response = await page.goto('/account/checks');
      expect(await page.locator('main').textContent()).toContain('Used a share code');
      await checkPage(page, response, JOURNEY, '08-who-checked-me');

      response = await page.goto('/account/claims');
      await checkPage(page, response, JOURNEY, '09-claims');

      await submit(page, 'Sign out');
      const after = await page.goto('/account');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(after?.status()).toBe(200);
    },
    TIMEOUT,
  );
});
