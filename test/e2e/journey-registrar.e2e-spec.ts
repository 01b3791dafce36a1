import { api, auditSettled, bearer, count, db, REGISTRAR } from '../support/app.js';
import { newEmployer, newPractitioner } from '../support/factories.js';
import { bothWays } from '../support/walk.js';
import { useBrowser } from '../support/web-browser.js';

/** Issue 12: the registrar's whole job in the pages, ending with the audit trail of it. */
const JOURNEY = 'journey-registrar';
// About 40 s on an idle machine; the margin is for a loaded one.
const TIMEOUT = 300_000;

describe('The registrar’s journey in the pages', () => {
  const session = useBrowser(TIMEOUT);

  bothWays(
    'should recognise and suspend a body, define a role, verify an organisation, set a status with conditions, resolve a dispute and read the audit trail',
    () => session.browser(),
    JOURNEY,
    async (w) => {
      // The trail ends on its older page, 50 entries back. Run first in a fresh database the log
      // holds fewer: sign people up (each is audited) before the journey adds its own on top.
      while ((await count(`SELECT 1 FROM audit_events`)) <= 60) await newPractitioner();
      const stamp = `${Date.now()}${w.javaScript ? 'j' : 'n'}`;
      const employer = await newEmployer();
      const p = await newPractitioner({ givenName: 'Rhiannon', familyName: 'Registrar' });
      const { rows } = await db().query<{ name: string }>(
        `SELECT name FROM organisations WHERE id = $1`,
        [employer.organisationId],
      );
      const organisation = rows[0]?.name ?? '';
      const about = `Wrong employer on record ${stamp}`;
      await api()
        .post('/api/v1/disputes')
        .set(bearer(p.token))
        .send({ registerNumber: p.registerNumber, about, details: 'I never worked there.' })
        .expect(201);

      await w.signIn(REGISTRAR.email, REGISTRAR.password, 'home');
      expect(new URL(w.page.url()).pathname).toBe('/registrar');

      // Recognise a body, then suspend it with a reason.
      await w.follow('Certifying bodies', 'bodies');
      await w.submit('Recognise body', 'body-errors', 400);
      const body = `Westshire Academy ${stamp}`;
      await w.page.getByLabel('Name', { exact: true }).fill(body);
      await w.page.getByLabel('Academy').check();
      await w.submit('Recognise body', 'body');
      expect(await w.page.locator('h1').textContent()).toBe(body);
      await w.submit('Suspend body', 'suspend-needs-reason', 400);
      await w.page.getByLabel('Reason').fill('Accreditation under review');
      await w.submit('Suspend body', 'body-suspended');
      expect(await w.main()).toContain('The body is suspended');

      // A new role with a requirement.
      await w.follow('Registrar', 'home-again');
      await w.follow('Roles and their requirements', 'roles');
      await w.page.goto('/registrar/roles/new');
      await w.submit('Save role', 'role-errors', 400);
      const code = `J${Date.now().toString().slice(-5)}${w.javaScript ? 'A' : 'B'}`;
      await w.page.getByLabel('Code').fill(code);
      await w.page.getByLabel('Title').fill('Chief Journey Officer');
      await w.page.getByRole('group', { name: 'Is it a clinical role?' }).getByLabel('No').check();
      await w.page
        .getByRole('group', { name: /professional registration/ })
        .getByLabel('No')
        .check();
      await w.page.getByLabel('CPD hours needed each year').fill('20');
      await w.page.getByLabel('Days of grace after appointment').fill('90');
      await w.page.locator('#req-0-kind').selectOption('degree');
      await w.page.locator('#req-0-minLevel').selectOption('7');
      await w.submit('Save role', 'role-saved');
      expect(await w.main()).toContain(`Chief Journey Officer (${code})`);

      // Verify the organisation that signed up.
      await w.goto('/registrar/organisations', 'organisations');
      await w.submit(`Verify ${organisation}`, 'organisation-verified');
      expect(await w.main()).toContain('The organisation is verified');

      // A practitioner's register status, with conditions.
      await w.goto('/registrar/practitioners', 'practitioner-find');
      await w.page.getByLabel('Register number').fill('DL123');
      await w.submit('Find practitioner', 'practitioner-find-error', 400);
      await w.page.getByLabel('Register number').fill(p.registerNumber);
      await w.submit('Find practitioner', 'practitioner');
      await w.page.getByLabel('Registered with conditions').check();
      await w.submit('Change status', 'status-errors', 400);
      expect((await w.errors()).join()).toContain('Enter the conditions');
      await w.page
        .getByLabel('Conditions the practitioner must meet')
        .fill('Must complete clinical safety training by June');
      await w.page.getByLabel('Reason for the change').fill('Panel decision 2026-15');
      await w.submit('Change status', 'status-changed');
      expect(await w.main()).toContain('The register status was changed');

      // The dispute the practitioner raised.
      await w.goto('/registrar/disputes', 'disputes');
      await w.follow(about, 'dispute');
      await w.submit('Record decision', 'dispute-needs-outcome', 400);
      await w.page.getByLabel('Upheld: the record was wrong').check();
      await w.page.getByLabel('Reason').fill('The employer confirmed the error.');
      await w.submit('Record decision', 'dispute-resolved');
      expect(await w.main()).toContain('Your decision was recorded');

      // The audit trail shows each of those actions.
      await auditSettled();
      await w.goto('/registrar', 'home-last');
      await w.follow('Audit trail', 'audit-trail');
      const trail = await w.main();
      for (const action of [
        'issuer.recognised',
        'issuer.status-changed',
        'organisation.verified',
        'dispute.resolved',
      ]) {
        expect(trail).toContain(action);
      }
      await w.follow('Older entries', 'audit-trail-older');

      await w.signOut('signed-out');
      await w.page.goto('/registrar/audit');
      expect(new URL(w.page.url()).pathname).toBe('/sign-in');
    },
    TIMEOUT,
  );
});
