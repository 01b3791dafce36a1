import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, bearer } from '../support/app.js';
import { newIssuer, newPractitioner } from '../support/factories.js';
import { bothWays } from '../support/walk.js';
import { useBrowser } from '../support/web-browser.js';

/** Issue 12: a certifying body's whole job in the pages, from signing in to deciding a claim. */
const JOURNEY = 'journey-issuer';
// About 40 s on an idle machine; the margin is for a loaded one.
const TIMEOUT = 300_000;
const STAFF_PASSWORD = 'issuer-staff-password';

describe('A certifying body’s journey in the pages', () => {
  const session = useBrowser(TIMEOUT);

  bothWays(
    'should issue one and a file, find, suspend, reinstate, renew and revoke, manage keys and staff, decide a claim and sign out',
    () => session.browser(),
    JOURNEY,
    async (w) => {
      // The registrar recognised the body and added its first staff member (the API does both).
      const issuer = await newIssuer();
      const holder = await newPractitioner({ givenName: 'Ines', familyName: 'Issued' });
      await api()
        .post('/api/v1/practitioners/me/claims')
        .set(bearer(holder.token))
        .send({
          issuerId: issuer.id,
          kind: 'degree',
          title: 'MSc Digital Health Leadership',
          awardedOn: '2021-07-01',
        })
        .expect(201);

      await w.signIn(issuer.email, STAFF_PASSWORD, 'claims');
      expect(new URL(w.page.url()).pathname).toBe('/issuer/claims');

      // One credential from the form, after its errors.
      await w.follow('Issue a credential', 'issue-form');
      await w.submit('Issue credential', 'issue-errors', 400);
      expect((await w.errors()).length).toBeGreaterThan(0);
      await w.page.getByLabel('Holder’s register number').fill(holder.registerNumber);
      await w.page.getByLabel('Professional certificate').check();
      await w.page.getByLabel('Name of the qualification').fill('Certificate in Clinical Safety');
      await w.fillDate('Date awarded', '2024-02-03');
      await w.submit('Issue credential', 'issued', 201);
      expect(await w.page.locator('h1').textContent()).toContain('Credential issued');

      // A small file: one row issued, one refused with its reason.
      const stamp = Date.now();
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-')), 'awards.csv');
      fs.writeFileSync(
        file,
        [
          'registerNumber,kind,title,awardedOn,issuerReference',
          `${holder.registerNumber},certificate,Certificate in Digital Leadership,2024-05-01,J-${stamp}-1`,
          `DL00000000,certificate,Certificate in Digital Leadership,2024-05-01,J-${stamp}-2`,
        ].join('\n'),
      );
      await w.goto('/issuer/bulk', 'bulk-form');
      await w.submit('Upload and issue', 'bulk-no-file', 400);
      await w.page.getByLabel('Upload a file').setInputFiles(file);
      await w.submit('Upload and issue', 'bulk-report');
      expect(await w.main()).toContain('2 rows processed');
      expect(await w.main()).toContain('Refused');

      // List and search what the body issued; change one credential's status with reasons.
      await w.goto('/issuer/credentials', 'credentials');
      expect(await w.main()).toContain('2 credentials');
      await w.page.getByLabel('Title or your reference').fill('clinical safety');
      await w.submit('Search credentials', 'credentials-found');
      expect(await w.page.locator('tbody tr').count()).toBe(1);
      await w.follow('Certificate in Clinical Safety', 'credential');
      await w.submit('Suspend credential', 'suspend-needs-reason', 400);
      expect((await w.errors()).join()).toContain('Enter why the credential is being suspended');
      await w.page.locator('#suspendReason').fill('Investigating a complaint');
      await w.submit('Suspend credential', 'suspended');
      expect(await w.main()).toContain('The credential was suspended');
      await w.page.locator('#reinstateReason').fill('Complaint not upheld');
      await w.submit('Reinstate credential', 'reinstated');
      expect(await w.main()).toContain('The credential was reinstated');
      await w.submit('Renew credential', 'renew-needs-date', 400);
      await w.fillDate('New end date', `${new Date().getFullYear() + 3}-06-01`);
      await w.submit('Renew credential', 'renewed');
      expect(await w.main()).toContain('The credential was renewed');
      await w.page.locator('#revokeReason').fill('Awarded in error');
      await w.submit('Revoke credential', 'revoked');
      expect(await w.main()).toContain('The credential was revoked');

      // An API key, shown once, then revoked.
      await w.goto('/issuer/api-keys', 'api-keys');
      await w.submit('Create API key', 'api-key-needs-name', 400);
      await w.page.getByLabel('Name of the key').fill('Student records');
      await w.submit('Create API key', 'api-key-created', 201);
      const key = ((await w.page.locator('#new-key').textContent()) ?? '').trim();
      await api().get('/api/v1/credentials').set('x-api-key', key).expect(200);
      await w.goto('/issuer/api-keys', 'api-keys-again');
      expect(await w.main()).not.toContain(key);
      await w.submit('Revoke key Student records', 'api-key-revoked');
      await api().get('/api/v1/credentials').set('x-api-key', key).expect(401);

      // A colleague.
      await w.goto('/issuer/staff', 'staff');
      const colleague = `colleague-${stamp}-${w.javaScript ? 'js' : 'nojs'}@testshire.example`;
      await w.page.getByLabel('Email address').fill(colleague);
      await w.page.getByLabel('First password').fill('short');
      await w.submit('Add staff member', 'staff-error', 400);
      await w.page.getByLabel('Email address').fill(colleague);
      await w.page.getByLabel('First password').fill('a-colleague-password-1');
      await w.submit('Add staff member', 'staff-added');
      expect(await w.main()).toContain(colleague);

      // The claim naming the body: a rejection needs a reason; it is confirmed.
      await w.goto('/issuer/claims', 'claims-waiting');
      await w.follow(/Review MSc Digital Health Leadership/, 'claim');
      await w.submit('Reject claim', 'reject-needs-reason', 400);
      await w.submit('Confirm claim', 'claim-confirmed');
      expect(await w.main()).toContain('Your decision was recorded');
      const entry = await api().get(`/api/v1/register/${holder.registerNumber}`).expect(200);
      expect(JSON.stringify(entry.body)).toContain('MSc Digital Health Leadership');

      await w.signOut('signed-out');
      await w.page.goto('/issuer/credentials');
      expect(new URL(w.page.url()).pathname).toBe('/sign-in');
    },
    TIMEOUT,
  );
});
