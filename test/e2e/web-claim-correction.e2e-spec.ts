import type { Page, Response } from 'playwright-core';
import { api, bearer } from '../support/app.js';
import { newIssuer, newPractitioner } from '../support/factories.js';
import { sidewaysOverflow } from '../support/reflow.js';
import {
  checkPage,
  newContext,
  screenshot,
  signIn,
  submit,
  useBrowser,
} from '../support/web-browser.js';

const JOURNEY = 'claim-correction';
const TIMEOUT = 180_000;

async function follow(page: Page, name: string | RegExp): Promise<Response | null> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('link', { name }).click(),
  ]);
  return response;
}

describe('Correcting a claim in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should let a practitioner correct a pending claim and resubmit a rejected one, with JavaScript on and off, and show the body which were corrected',
    async () => {
      const issuer = await newIssuer();
      const holder = await newPractitioner();
      const stranger = await newPractitioner();
      const declare = async (title: string, who = holder): Promise<string> =>
        (
          (
            await api()
              .post('/api/v1/practitioners/me/claims')
              .set(bearer(who.token))
              .send({ issuerId: issuer.id, kind: 'degree', title, awardedOn: '2015-07-01' })
              .expect(201)
          ).body as { id: string }
        ).id;
      const pendingId = await declare('MSc Digitl Health');
      const rejectedId = await declare('MBA Health Leadership');
      const strangersId = await declare('BSc Someone Else', stranger);
      await api()
        .post(`/api/v1/claims/${rejectedId}/reject`)
        .set(bearer(issuer.token))
        .send({ reason: 'Our records show an award in 2016' })
        .expect(200);

      // JavaScript on: correct the pending claim from the list, through an error first.
      const page = await session.context().newPage();
      await signIn(page, holder.email, holder.password);
      await page.goto('/account/claims');
      let response = await follow(page, 'Correct MSc Digitl Health');
      expect(new URL(page.url()).pathname).toBe(`/account/claims/${pendingId}/correct`);
      expect(await page.getByLabel('Name of the qualification').inputValue()).toBe(
        'MSc Digitl Health',
      );
      expect(await page.getByLabel('Year').inputValue()).toBe('2015');
      expect(await page.getByLabel('Awarding body', { exact: true }).inputValue()).toBe(issuer.id);
      await checkPage(page, response, JOURNEY, '01-correct-pending');
      expect(await sidewaysOverflow(page)).toBe(0);

      await page.getByLabel('Name of the qualification').fill('');
      response = await submit(page, 'Save corrections');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter the name of the qualification',
      );
      await checkPage(page, response, JOURNEY, '02-correct-error');
      expect(await sidewaysOverflow(page)).toBe(0);

      await page.getByLabel('Name of the qualification').fill('MSc Digital Health');
      response = await submit(page, 'Save corrections');
      expect(new URL(page.url()).pathname).toBe('/account/claims');
      const main = page.locator('main');
      expect(await main.textContent()).toContain('Your corrections were saved');
      expect(await main.textContent()).toContain('You corrected it on');
      expect(await main.textContent()).not.toContain('Digitl');
      await checkPage(page, response, JOURNEY, '03-corrected');
      expect(await sidewaysOverflow(page)).toBe(0);

      // Someone else's claim has no correction page; a form without the CSRF token is refused.
      response = await page.goto(`/account/claims/${strangersId}/correct`);
      expect(response?.status()).toBe(404);
      await checkPage(page, response, JOURNEY, '04-not-yours');
      const forged = await page.request.post(`/account/claims/${pendingId}/correct`, {
        form: { title: 'Forged', kind: 'degree', issuerId: issuer.id },
      });
      expect(forged.status()).toBe(403);

      // JavaScript off: resubmit the rejected claim with the year the body gave.
      const noJs = await newContext(session.browser(), { javaScript: false });
      const plain = await noJs.newPage();
      await signIn(plain, holder.email, holder.password);
      await plain.goto('/account/claims');
      await follow(plain, 'Correct and send again MBA Health Leadership');
      expect(await plain.locator('main').textContent()).toContain(
        'Our records show an award in 2016',
      );
      await plain.getByLabel('Year').fill('2016');
      response = await submit(plain, 'Send corrected claim');
      expect(response?.status()).toBe(200);
      expect(await plain.locator('main').textContent()).toContain(
        'Your corrected claim was sent to the awarding body again',
      );
      expect(await plain.locator('main').textContent()).toContain(
        'This corrects a claim the awarding body rejected',
      );
      await screenshot(plain, JOURNEY, '05-resubmitted-no-js');
      // Sent again once: the rejected claim no longer offers it.
      expect(
        await plain
          .getByRole('link', { name: 'Correct and send again MBA Health Leadership' })
          .count(),
      ).toBe(0);
      await noJs.close();

      // The body's list says which claims were corrected or resubmitted.
      const issuerContext = await newContext(session.browser());
      const issuerPage = await issuerContext.newPage();
      response = await signIn(issuerPage, issuer.email, 'issuer-staff-password');
      expect(new URL(issuerPage.url()).pathname).toBe('/issuer/claims');
      const rows = issuerPage.locator('tbody tr');
      const corrected = rows.filter({ hasText: 'MSc Digital Health' });
      expect(await corrected.textContent()).toContain('Corrected by the practitioner on');
      const resubmitted = rows.filter({ hasText: 'MBA Health Leadership' });
      expect(await resubmitted.count()).toBe(1);
      expect(await resubmitted.textContent()).toContain(
        'Resubmitted, corrected, after you rejected it',
      );
      await checkPage(issuerPage, response, JOURNEY, '06-issuer-list');
      expect(await sidewaysOverflow(issuerPage)).toBe(0);
      await issuerContext.close();
    },
    TIMEOUT,
  );
});
