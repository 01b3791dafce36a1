import type { Page } from 'playwright-core';
import { api } from '../support/app.js';
import { idempotencyKey, newIssuer, newPractitioner } from '../support/factories.js';
import {
  checkPage,
  newContext,
  signIn,
  submit,
  useBrowser,
  watchConsole,
} from '../support/web-browser.js';

const JOURNEY = 'credential-page';
const TIMEOUT = 90_000;

/** No sideways scrolling at 320 CSS pixels (WCAG 1.4.10 reflow). */
async function reflowsAt320(page: Page): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  // The NHS.UK header moves its navigation into the "More" menu after a debounce on resize:
  // measured at once, the wide desktop menu is still there (see test/support/reflow.ts).
  await page.waitForTimeout(500);
  // A string, so the test's TypeScript needs no DOM types.
  const wider = await page.evaluate<string[]>(`(() => {
    const limit = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > limit + 1)
      .map((e) => e.tagName.toLowerCase() + '.' + e.className)
      .slice(0, 5);
  })()`);
  // Names the elements that stick out, so a failure says what to fix.
  expect(wider).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('Public credential page in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should let a holder switch on a public page that a visitor can read and share',
    async () => {
      const issuer = await newIssuer({ name: `Northshire Leadership Academy ${Date.now()}` });
      const holder = await newPractitioner({ givenName: 'Ngozi', familyName: 'Okafor' });
      const issued = await api()
        .post('/api/v1/credentials')
        .set('x-api-key', issuer.apiKey)
        .set('idempotency-key', idempotencyKey())
        .send({
          registerNumber: holder.registerNumber,
          kind: 'degree',
          title: 'MSc Digital Health Leadership with an unusually long title for small screens',
          subject: 'Digital Health Leadership',
          level: 7,
          result: 'Distinction',
          awardedOn: '2022-07-01',
        })
        .expect(201);
      const id = issued.body.id as string;

      const page = await session.context().newPage();
      const problems = watchConsole(page);
      await signIn(page, holder.email, holder.password);
      let response = await page.goto('/account/credentials');
      expect(response?.status()).toBe(200);
      await expect(page.locator('main').textContent()).resolves.toContain('No public page.');
      await checkPage(page, response, JOURNEY, '01-account-credentials');
      await reflowsAt320(page);

      response = await submit(
        page,
        'Switch on public page for MSc Digital Health Leadership with an unusually long title for small screens',
      );
      expect(new URL(page.url()).pathname).toBe('/account/credentials');
      await checkPage(page, response, JOURNEY, '02-account-credentials-on');

      const visitor = await (await newContext(session.browser())).newPage();
      const visitorProblems = watchConsole(visitor);
      response = await visitor.goto(`/credentials/${id}`);
      expect(response?.status()).toBe(200);
      await expect(visitor.locator('h1').textContent()).resolves.toContain(
        'MSc Digital Health Leadership',
      );
      await expect(visitor.locator('main').textContent()).resolves.toContain('Verified just now');
      await expect(
        visitor.locator('meta[property="og:url"]').getAttribute('content'),
      ).resolves.toMatch(new RegExp(`/credentials/${id}$`));
      await expect(
        visitor.getByRole('img', { name: 'QR code linking to this credential page' }).count(),
      ).resolves.toBe(1);
      const linkedIn = await visitor
        .getByRole('link', { name: /Add to LinkedIn profile/ })
        .getAttribute('href');
      expect(new URL(linkedIn ?? '').searchParams.get('certId')).toBe(id);
      await checkPage(visitor, response, JOURNEY, '03-public-page');
      await reflowsAt320(visitor);
      expect(visitorProblems).toEqual([]);

      response = await visitor.goto('/credentials/00000000-0000-4000-8000-000000000000');
      expect(response?.status()).toBe(404);
      await checkPage(visitor, response, JOURNEY, '04-unknown');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
