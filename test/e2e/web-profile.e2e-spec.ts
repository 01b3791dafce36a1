import { api, bearer, db } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  searchableSurname,
} from '../support/factories.js';
import { sidewaysOverflow } from '../support/reflow.js';
import {
  checkPage,
  newContext,
  screenshot,
  signIn,
  submit,
  useBrowser,
} from '../support/web-browser.js';

const JOURNEY = 'profile';
const TIMEOUT = 120_000;

describe('Practitioner profile and downloads in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should change the name with history, former names, visibility, registrations and roles',
    async () => {
      // A surname of this test's own: a shared one would turn up in other specs' name searches.
      const before = searchableSurname('Kapoor');
      const p = await newPractitioner({ givenName: 'Priya', familyName: before });
      const page = await session.context().newPage();
      await signIn(page, p.email, p.password);
      await page.getByRole('link', { name: 'Edit profile' }).click();
      let response = await page.reload();
      await checkPage(page, response, JOURNEY, '01-profile');
      expect(await sidewaysOverflow(page)).toBe(0);

      // A name change needs its reason (kept in the history).
      await page.getByLabel('Family name').fill('After');
      response = await submit(page, 'Change name');
      expect(response?.status()).toBe(400);
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
        'Enter why your name changed',
      );
      await checkPage(page, response, JOURNEY, '02-name-error');
      await page.getByLabel('Family name').fill('After');
      await page.getByLabel('Why your name changed').fill('Marriage');
      response = await submit(page, 'Change name');
      expect(new URL(page.url()).search).toBe('?saved=1');
      expect(await page.getByLabel('Family name').inputValue()).toBe('After');
      const { rows: names } = await db().query<{ family_name: string; reason: string | null }>(
        `SELECT n.family_name, n.reason FROM practitioner_names n
           JOIN practitioners p ON p.id = n.practitioner_id
          WHERE p.register_number = $1 ORDER BY n.valid_from`,
        [p.registerNumber],
      );
      expect(names).toEqual([
        { family_name: before, reason: 'Name when entered on the register' },
        { family_name: 'After', reason: 'Marriage' },
      ]);
      expect(await page.getByLabel('Names you were known by before').inputValue()).toBe(
        `Priya ${before}`,
      );

      // Show former names publicly.
      await page.getByLabel('Show my former names').check();
      await submit(page, 'Save choices');
      const entry = await api().get(`/api/v1/register/${p.registerNumber}`).expect(200);
      expect(JSON.stringify(entry.body)).toContain(`Priya ${before}`);

      // A number of this test's own: GMC numbers are unique across the register.
      const gmc = String(7_000_000 + Math.floor(Math.random() * 999_999));
      // A registration with a wrong format is refused with the API's reason.
      await page.getByLabel('Register', { exact: true }).selectOption('GMC');
      await page.getByLabel('Registration number').fill('12');
      response = await submit(page, 'Add registration');
      expect(response?.status()).toBe(400);
      await checkPage(page, response, JOURNEY, '03-registration-error');
      await page.getByLabel('Register', { exact: true }).selectOption('GMC');
      await page.getByLabel('Registration number').fill(gmc);
      await submit(page, 'Add registration');
      expect(await page.locator('main').textContent()).toContain(`GMC ${gmc}`);

      // A role appointment, then removing the registration.
      await page.getByLabel('Role', { exact: true }).selectOption('CCIO');
      await page.getByLabel('Organisation').fill('Northshire Hospitals NHS Foundation Trust');
      const started = page.getByRole('group', { name: 'Start date' });
      await started.getByLabel('Day').fill('1');
      await started.getByLabel('Month').fill('4');
      await started.getByLabel('Year').fill('2022');
      await submit(page, 'Add role');
      expect(await page.locator('main').textContent()).toContain(
        'Northshire Hospitals NHS Foundation Trust, 1 April 2022 to now',
      );
      await page.getByRole('button', { name: `Remove GMC ${gmc}` }).click();
      await page.waitForURL(/saved=1/);
      expect(await page.locator('main').textContent()).not.toContain(`GMC ${gmc}`);
      const me = await api().get('/api/v1/practitioners/me').set(bearer(p.token)).expect(200);
      expect(me.body).toMatchObject({
        familyName: 'After',
        registrations: [],
        appointments: [{ roleCode: 'CCIO', startDate: '2022-04-01', endDate: null }],
        visibility: { formerNames: true },
      });
      await checkPage(page, null, JOURNEY, '04-profile-saved');
      expect(await sidewaysOverflow(page)).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'should download own credentials and the signed extract, and refuse another person’s, with JavaScript off',
    async () => {
      const [issuer, holder, other] = await Promise.all([
        newIssuer(),
        newPractitioner(),
        newPractitioner(),
      ]);
      const issued = await api()
        .post('/api/v1/credentials')
        .set('x-api-key', issuer.apiKey)
        .set('idempotency-key', idempotencyKey())
        .send({
          registerNumber: holder.registerNumber,
          kind: 'degree',
          title: 'MSc Health Informatics',
          level: 7,
          awardedOn: '2021-07-14',
        })
        .expect(201);
      const id = (issued.body as { id: string }).id;
      const noJs = await newContext(session.browser(), { javaScript: false });
      const page = await noJs.newPage();
      await signIn(page, holder.email, holder.password);
      await page.goto('/account/credentials');
      expect(await page.locator('main').textContent()).toContain('MSc Health Informatics');
      await screenshot(page, JOURNEY, '05-credentials-no-js');

      const badge = await page.request.get(`/account/credentials/${id}/download?form=json`);
      expect(badge.status()).toBe(200);
      expect(badge.headers()['content-disposition']).toContain(`credential-${id}.json`);
      const document = (await badge.json()) as { type: string[]; proof: { cryptosuite: string } };
      expect(document.type).toContain('OpenBadgeCredential');
      expect(document.proof.cryptosuite).toBe('eddsa-rdfc-2022');
      const jwt = await page.request.get(`/account/credentials/${id}/download?form=jwt`);
      expect((await jwt.text()).split('.')).toHaveLength(3);
      const extract = await page.request.get('/account/extract?form=jwt');
      expect(extract.status()).toBe(200);
      expect((await extract.text()).split('.')).toHaveLength(3);
      await noJs.close();

      // Another practitioner gets the not-found page, not the file.
      const otherContext = await newContext(session.browser());
      const otherPage = await otherContext.newPage();
      await signIn(otherPage, other.email, other.password);
      const refused = await otherPage.goto(`/account/credentials/${id}/download?form=json`);
      expect(refused?.status()).toBe(404);
      expect(refused?.headers()['content-type']).toContain('text/html');
      const listed = await otherPage.goto('/account/credentials');
      expect(await otherPage.locator('main').textContent()).not.toContain('MSc Health Informatics');
      await checkPage(otherPage, listed, JOURNEY, '06-no-credentials');
      await otherContext.close();
    },
    TIMEOUT,
  );
});
