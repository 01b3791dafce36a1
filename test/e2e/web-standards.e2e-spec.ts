import { randomBytes } from 'node:crypto';
import { REGISTRAR, api, asRegistrar, bearer } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';
import {
  checkPage,
  newContext,
  signIn,
  submit,
  useBrowser,
  watchConsole,
} from '../support/web-browser.js';

const JOURNEY = 'standards';
const TIMEOUT = 90_000;

describe('Role standard and statistics pages in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    "should show a role's competences and routes, and statistics with charts drawn on the server",
    async () => {
      const context = session.context();
      const page = await context.newPage();
      const problems = watchConsole(page);
      const standard = await page.goto('/roles/CCIO');
      await checkPage(page, standard, JOURNEY, '01-role-standard');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Chief Clinical Information Officer (CCIO)',
      );
      const text = await page.locator('main').textContent();
      expect(text).toContain('Clinical registration and a shorter programme');
      expect(text).toContain('Stakeholder relationship management');
      expect(text).toContain('Open Government Licence');

      const missing = await page.request.get('/roles/NOSUCH');
      expect(missing.status()).toBe(404);

      const stats = await page.goto('/statistics');
      await checkPage(page, stats, JOURNEY, '02-statistics');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Certification statistics',
      );
      // The charts are in the served HTML itself: no script draws them.
      const html = (await stats?.text()) ?? '';
      expect(html).toMatch(/<svg[^>]*role="img"/);
      expect(html).toContain('Certified people by role');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'should draw the statistics with JavaScript turned off, and fit a 320 px screen',
    async () => {
      const context = await newContext(session.browser(), { javaScript: false });
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 640 });
      for (const url of ['/statistics', '/roles/CIO']) {
        await page.goto(url);
        if (url === '/statistics') {
          await expect(page.locator('svg[role="img"]').count()).resolves.toBeGreaterThan(0);
        }
        // Nothing scrolls sideways at 320 px.
        await expect(
          page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
        ).resolves.toBe(true);
      }
      await context.close();
    },
    TIMEOUT,
  );
});

describe('Registrar standard editor in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should save a new dated version for the registrar only, with errors shown in the form',
    async () => {
      const registrar = await asRegistrar();
      const code = `ED${randomBytes(3).toString('hex').toUpperCase()}`;
      await api()
        .post('/api/v1/roles')
        .set(bearer(registrar))
        .send({
          code,
          title: 'Chief Editor Test Officer',
          clinical: false,
          requirements: {
            credentials: [],
            professionalRegistration: false,
            cpdHoursPerYear: 0,
            graceDays: 90,
          },
        })
        .expect(201);
      await api()
        .post(`/api/v1/roles/${code}/standard/versions`)
        .set(bearer(registrar))
        .send({
          effectiveFrom: new Date().toISOString().slice(0, 10),
          competences: [{ competence: 'user-focus', level: 'expert' }],
          cpdHoursPerYear: 0,
          graceDays: 90,
          note: 'First standard',
        })
        .expect(201);

      const practitioner = await newPractitioner();
      const outsider = await newContext(session.browser());
      const other = await outsider.newPage();
      await signIn(other, practitioner.email, practitioner.password);
      const refused = await other.goto(`/registrar/roles/${code}/standard`);
      expect(refused?.status()).toBe(403);
      await outsider.close();

      const page = await session.context().newPage();
      const problems = watchConsole(page);
      await signIn(page, REGISTRAR.email, REGISTRAR.password);
      const form = await page.goto(`/registrar/roles/${code}/standard`);
      await checkPage(page, form, JOURNEY, '03-standard-editor');
      await expect(page.getByLabel('User focus').inputValue()).resolves.toBe('expert');
      const inFuture = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('In force from').fill(inFuture);
      await page.getByLabel('User focus').selectOption('practitioner');
      await page.getByLabel('Data governance').selectOption('working');
      const invalid = await submit(page, 'Save as a new version');
      expect(invalid?.status()).toBe(400);
      await checkPage(page, invalid, JOURNEY, '04-standard-editor-error');
      await page.getByLabel('Why it changes').fill('Adds data governance; lowers user focus');
      const saved = await submit(page, 'Save as a new version');
      expect(new URL(page.url()).pathname).toBe(`/roles/${code}`);
      await checkPage(page, saved, JOURNEY, '05-standard-saved');
      await expect(page.locator('main').textContent()).resolves.toContain(
        `Version 2, in force from ${inFuture}: Adds data governance; lowers user focus`,
      );
      const v2 = (await api().get(`/api/v1/roles/${code}/standard?on=${inFuture}`).expect(200))
        .body as { version: number; competences: { competence: string; level: string }[] };
      expect(v2.version).toBe(2);
      expect(v2.competences.map((c) => `${c.competence}:${c.level}`).sort()).toEqual([
        'data-governance:working',
        'user-focus:practitioner',
      ]);
      // The one 400 is the form sent without a reason, on purpose.
      expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    },
    TIMEOUT,
  );
});
