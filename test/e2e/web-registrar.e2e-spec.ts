import type { Page, Response } from 'playwright-core';
import { api, asRegistrar, auditSettled, baseUrl, bearer, db, REGISTRAR } from '../support/app.js';
import { newEmployer, newIssuer, newPractitioner } from '../support/factories.js';
import { checkPage, newContext, signIn, submit, useBrowser } from '../support/web-browser.js';

/** Issue 12 item 4: the registrar's office in the pages, and who else may not use them. */
const JOURNEY = 'registrar';
const TIMEOUT = 240_000;

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const errorSummary = async (page: Page) =>
  (await page.locator('.nhsuk-error-summary').textContent()) ?? '';
const follow = async (page: Page, name: string | RegExp): Promise<Response | null> => {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('link', { name }).first().click(),
  ]);
  return response;
};

async function auditActions(entityId: string): Promise<string[]> {
  await auditSettled();
  const { rows } = await db().query<{ action: string }>(
    `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
    [entityId],
  );
  return rows.map((r) => r.action);
}

describe('Registrar pages', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should recognise a body, set its other names, suspend and restore it, all audited',
    async () => {
      const page = await session.context().newPage();
      let response = await signIn(page, REGISTRAR.email, REGISTRAR.password);
      expect(new URL(page.url()).pathname).toBe('/registrar');
      await checkPage(page, response, JOURNEY, '01-home');

      response = await follow(page, 'Certifying bodies');
      await checkPage(page, response, JOURNEY, '02-bodies');
      response = await submit(page, 'Recognise body');
      expect(response?.status()).toBe(400);
      expect(await errorSummary(page)).toContain('Enter the body’s name');
      await checkPage(page, response, JOURNEY, '03-bodies-errors');
      const name = `Northshire College ${Date.now()}`;
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('University').check();
      response = await submit(page, 'Recognise body');
      expect(await page.locator('h1').textContent()).toBe(name);
      const id = new URL(page.url()).pathname.split('/').pop() ?? '';
      await checkPage(page, response, JOURNEY, '04-body');

      await page.getByLabel('Other names the body is known by').fill('NSC\nNorthshire Coll.');
      await submit(page, 'Save other names');
      expect(await main(page)).toContain('NSC, Northshire Coll.');

      response = await submit(page, 'Suspend body');
      expect(response?.status()).toBe(400);
      expect(await errorSummary(page)).toContain('Enter why the body’s recognition is changing');
      await page.getByLabel('Reason').fill('Accreditation under review');
      await submit(page, 'Suspend body');
      expect(await main(page)).toContain('The body is suspended');
      await page.getByLabel('Reason').fill('Review closed');
      await submit(page, 'Restore body');
      expect(await main(page)).toContain('Recognised');

      const all = await api()
        .get('/api/v1/issuers/all')
        .set(bearer(await asRegistrar()));
      const body = (all.body as { id: string; aliases: string[] }[]).find((b) => b.id === id);
      expect(body?.aliases).toEqual(['NSC', 'Northshire Coll.']);
      expect(await auditActions(id)).toEqual([
        'issuer.recognised',
        'issuer.aliases-changed',
        'issuer.status-changed',
        'issuer.status-changed',
      ]);
    },
    TIMEOUT,
  );

  it(
    'should verify an organisation and change a practitioner’s status with conditions',
    async () => {
      const employer = await newEmployer();
      const p = await newPractitioner({ givenName: 'Constance', familyName: 'Conditions' });
      const page = await session.context().newPage();
      await signIn(page, REGISTRAR.email, REGISTRAR.password);

      let response = await page.goto('/registrar/organisations');
      await checkPage(page, response, JOURNEY, '05-organisations');
      const { rows } = await db().query<{ name: string }>(
        `SELECT name FROM organisations WHERE id = $1`,
        [employer.organisationId],
      );
      await submit(page, `Verify ${rows[0]?.name ?? ''}`);
      expect(await main(page)).toContain('The organisation is verified');
      expect(await auditActions(employer.organisationId)).toContain('organisation.verified');

      await page.goto('/registrar/practitioners');
      await page.getByLabel('Register number').fill('DL123');
      response = await submit(page, 'Find practitioner');
      expect(response?.status()).toBe(400);
      await checkPage(page, response, JOURNEY, '06-practitioner-find-error');
      await page.getByLabel('Register number').fill(p.registerNumber.toLowerCase());
      response = await submit(page, 'Find practitioner');
      expect(await page.locator('h1').textContent()).toContain('Constance Conditions');
      await checkPage(page, response, JOURNEY, '07-practitioner');
      await page.getByLabel('Registered with conditions').check();
      response = await submit(page, 'Change status');
      expect(response?.status()).toBe(400);
      const problems = await errorSummary(page);
      expect(problems).toContain('Enter the conditions');
      expect(problems).toContain('Enter the reason for the change');
      await checkPage(page, response, JOURNEY, '08-practitioner-status-errors');
      await page
        .getByLabel('Conditions the practitioner must meet')
        .fill('Must complete clinical safety training by June');
      await page.getByLabel('Reason for the change').fill('Panel decision 2026-14');
      await submit(page, 'Change status');
      expect(await main(page)).toContain('The register status was changed');
      await page.goto(`/register/${p.registerNumber}`);
      expect(await main(page)).toContain('Must complete clinical safety training by June');
    },
    TIMEOUT,
  );

  it(
    'should change a role’s requirements and add a role',
    async () => {
      const page = await session.context().newPage();
      await signIn(page, REGISTRAR.email, REGISTRAR.password);
      let response = await page.goto('/registrar/roles');
      await checkPage(page, response, JOURNEY, '09-roles');
      response = await follow(page, /^Change Chief Clinical Information Officer/);
      await checkPage(page, response, JOURNEY, '10-role');
      await page.getByLabel('CPD hours needed each year').fill('abc');
      response = await submit(page, 'Save role');
      expect(response?.status()).toBe(400);
      expect(await errorSummary(page)).toContain('CPD hours a year must be a whole number');
      await page.getByLabel('CPD hours needed each year').fill('35');
      await submit(page, 'Save role');
      expect(await main(page)).toContain('was saved');
      const roles = await api().get('/api/v1/roles').expect(200);
      const ccio = (
        roles.body as { code: string; requirements: { cpdHoursPerYear: number } }[]
      ).find((r) => r.code === 'CCIO');
      expect(ccio?.requirements.cpdHoursPerYear).toBe(35);

      await page.goto('/registrar/roles/new');
      const code = `R${Date.now().toString().slice(-6)}`;
      await page.getByLabel('Code').fill(code);
      await page.getByLabel('Title').fill('Chief Data Officer');
      await page.getByRole('group', { name: 'Is it a clinical role?' }).getByLabel('No').check();
      await page
        .getByRole('group', { name: /professional registration/ })
        .getByLabel('No')
        .check();
      await page.getByLabel('CPD hours needed each year').fill('20');
      await page.getByLabel('Days of grace after appointment').fill('90');
      await page.locator('#req-0-kind').selectOption('degree');
      await page.locator('#req-0-minLevel').selectOption('7');
      await submit(page, 'Save role');
      expect(await main(page)).toContain(`Chief Data Officer (${code})`);
    },
    TIMEOUT,
  );

  it(
    'should let a practitioner contest a record and the registrar resolve it with a reason, without JavaScript at 320 px',
    async () => {
      const p = await newPractitioner({ givenName: 'Desmond', familyName: 'Disputes' });
      const context = await session.browser().newContext({
        baseURL: baseUrl(),
        javaScriptEnabled: false,
        viewport: { width: 320, height: 640 },
      });
      const page = await context.newPage();
      await signIn(page, p.email, p.password);
      await page.goto('/disputes');
      let response = await submit(page, 'Send to the registrar');
      expect(response?.status()).toBe(400);
      expect(await errorSummary(page)).toContain('Enter what on the record is wrong');
      await page.getByLabel('Register number of the practitioner').fill(p.registerNumber);
      await page.getByLabel('What on the record is wrong?').fill('My CPD hours are missing');
      await page
        .getByLabel('Why is it wrong, and how do you know?')
        .fill('The study day on 3 February was recorded by the college.');
      await submit(page, 'Send to the registrar');
      expect(await main(page)).toContain('Your dispute was sent');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - innerWidth')).toBe(
        0,
      );

      await signIn(page, REGISTRAR.email, REGISTRAR.password);
      await page.goto('/registrar/disputes');
      await follow(page, 'My CPD hours are missing');
      const disputeId = new URL(page.url()).pathname.split('/').pop() ?? '';
      response = await submit(page, 'Record decision');
      expect(response?.status()).toBe(400);
      expect(await errorSummary(page)).toContain('Select whether the dispute is upheld');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - innerWidth')).toBe(
        0,
      );
      await page.getByLabel('Upheld: the record was wrong').check();
      await page.getByLabel('Reason').fill('The college confirmed the hours; it will reissue.');
      await submit(page, 'Record decision');
      expect(await main(page)).toContain('Your decision was recorded');

      await signIn(page, p.email, p.password);
      await page.goto('/disputes');
      expect(await main(page)).toContain('The college confirmed the hours');
      expect(await main(page)).toContain('Upheld');
      await context.close();
      expect(await auditActions(disputeId)).toEqual(['dispute.raised', 'dispute.resolved']);

      // The same pages with JavaScript on pass axe.
      const page2 = await session.context().newPage();
      await signIn(page2, REGISTRAR.email, REGISTRAR.password);
      response = await page2.goto(`/registrar/disputes/${disputeId}`);
      await checkPage(page2, response, JOURNEY, '11-dispute-resolved');
      response = await page2.goto('/registrar/disputes?status=resolved');
      await checkPage(page2, response, JOURNEY, '12-disputes-resolved');
      await signIn(page2, p.email, p.password);
      response = await page2.goto('/disputes');
      await checkPage(page2, response, JOURNEY, '13-my-disputes');
    },
    TIMEOUT,
  );

  it(
    'should keep the registrar’s pages and API to the registrar, per role',
    async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner();
      const employer = await newEmployer();
      const context = await newContext(session.browser());
      const page = await context.newPage();
      let response = await page.goto('/registrar/bodies');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      for (const [email, password] of [
        [issuer.email, 'issuer-staff-password'],
        [p.email, p.password],
        [employer.email, 'employer-password-1'],
      ] as const) {
        await signIn(page, email, password);
        for (const path of [
          '/registrar',
          '/registrar/bodies',
          '/registrar/roles',
          '/registrar/disputes',
        ]) {
          response = await page.goto(path);
          expect(response?.status()).toBe(403);
        }
      }
      await checkPage(page, response, JOURNEY, '14-forbidden');
      await signIn(page, issuer.email, 'issuer-staff-password');
      response = await page.goto('/disputes');
      expect(response?.status()).toBe(403);
      await context.close();

      const raised = await api()
        .post('/api/v1/disputes')
        .set(bearer(employer.token))
        .send({ registerNumber: p.registerNumber, about: 'Wrong role', details: 'Not our CIO.' })
        .expect(201);
      const id = (raised.body as { id: string }).id;
      await api().get(`/api/v1/disputes/${id}`).set(bearer(p.token)).expect(404);
      await api()
        .post(`/api/v1/disputes/${id}/resolve`)
        .set(bearer(employer.token))
        .send({ outcome: 'upheld', reason: 'x' })
        .expect(403);
      const registrar = await asRegistrar();
      await api()
        .post('/api/v1/disputes')
        .set(bearer(registrar))
        .send({ registerNumber: p.registerNumber, about: 'x', details: 'y' })
        .expect(403);
      await api()
        .post(`/api/v1/disputes/${id}/resolve`)
        .set(bearer(registrar))
        .send({ outcome: 'dismissed', reason: 'The appointment is recorded correctly.' })
        .expect(200);
      const again = await api()
        .post(`/api/v1/disputes/${id}/resolve`)
        .set(bearer(registrar))
        .send({ outcome: 'upheld', reason: 'Changed my mind' })
        .expect(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
      await api().get('/api/v1/issuers/all').set(bearer(issuer.token)).expect(403);
      await api().get('/api/v1/organisations').set(bearer(employer.token)).expect(403);
      await api()
        .put(`/api/v1/issuers/${issuer.id}/aliases`)
        .set(bearer(issuer.token))
        .send({ aliases: ['Mine'] })
        .expect(403);
    },
    TIMEOUT,
  );
});
