import { randomUUID } from 'node:crypto';
import { api, auditSettled, bearer, closeDb, count } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  type TestIssuer,
  type TestPractitioner,
} from '../support/factories.js';

async function issue(issuer: TestIssuer, holder: TestPractitioner): Promise<string> {
  const res = await api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', idempotencyKey())
    .send({
      registerNumber: holder.registerNumber,
      kind: 'certificate',
      title: 'Digital Health Leadership Programme',
      awardedOn: '2023-09-03',
      validUntil: '2028-01-31',
    })
    .expect(201);
  return res.body.id as string;
}

const publicJson = (id: string) => api().get(`/api/v1/credentials/${id}/public`);
const setPublic = (id: string, token: string, enabled: boolean) =>
  api().put(`/api/v1/credentials/${id}/public-page`).set(bearer(token)).send({ enabled });

describe('Public credential pages', () => {
  let issuer: TestIssuer;
  let holder: TestPractitioner;
  let id: string;

  beforeAll(async () => {
    issuer = await newIssuer();
    holder = await newPractitioner({
      givenName: 'Priya',
      familyName: `Shah${randomUUID().slice(0, 6)}`,
    });
    id = await issue(issuer, holder);
  });
  afterAll(closeDb);

  it('should keep a page off until the holder switches it on, indistinguishable from a missing one', async () => {
    const hidden = await publicJson(id).expect(404);
    const missing = await publicJson(randomUUID()).expect(404);
    expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
    const strip = (b: Record<string, unknown>) => ({
      ...b,
      instance: undefined,
      correlationId: undefined,
    });
    expect(strip(hidden.body)).toEqual(strip(missing.body));

    const hiddenPage = await api().get(`/credentials/${id}`).expect(404);
    const missingPage = await api().get(`/credentials/${randomUUID()}`).expect(404);
    expect(hiddenPage.headers['content-type']).toMatch(/text\/html/);
    expect(hiddenPage.text).not.toContain('Digital Health Leadership Programme');
    const body = (html: string) =>
      /<main[\s\S]*<\/main>/.exec(html)?.[0].replace(/Reference: <span[^<]*<\/span>/, '');
    expect(body(hiddenPage.text)).toBe(body(missingPage.text));
    await api().get('/credentials/not-a-uuid').expect(404);
  });

  it('should let only the holder switch the page on', async () => {
    const other = await newPractitioner();
    await setPublic(id, other.token, true).expect(404);
    await setPublic(id, issuer.token, true).expect(403);
    await setPublic(id, holder.token, 'yes' as unknown as boolean).expect(400);
    expect(await count(`SELECT 1 FROM credentials WHERE id = $1 AND public_page`, [id])).toBe(0);

    const on = await setPublic(id, holder.token, true).expect(200);
    expect(on.body).toMatchObject({ id, publicPage: true });
    expect(on.body.pageUrl).toMatch(new RegExp(`/credentials/${id}$`));
    await auditSettled();
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'credential.public-page-enabled'`,
        [id],
      ),
    ).toBe(1);

    const own = await api()
      .get('/api/v1/practitioners/me/credentials')
      .set(bearer(holder.token))
      .expect(200);
    expect(own.body).toMatchObject({ total: 1, page: 1 });
    expect(own.body.items[0]).toMatchObject({ id, publicPage: true });
  });

  it('should verify the credential live and say what that proves', async () => {
    const res = await publicJson(id).expect(200);
    expect(res.body).toMatchObject({
      id,
      title: 'Digital Health Leadership Programme',
      awardingBody: issuer.name,
      status: 'active',
      provenance: 'issued',
      holder: { registerNumber: holder.registerNumber, registerStatus: 'registered' },
      verification: { verified: true },
    });
    expect(res.body.holder.name).toMatch(/^Priya Shah/);
    const checks = Object.fromEntries(
      (res.body.verification.checks as { check: string; result: string }[]).map((c) => [
        c.check,
        c.result,
      ]),
    );
    expect(checks).toMatchObject({
      signature: 'pass',
      issuer: 'pass',
      dates: 'pass',
      revocation: 'pass',
      suspension: 'pass',
    });
    expect(res.body.proves[0]).toContain(
      `${issuer.name}, a certifying body the registry recognises`,
    );
    expect(res.body.doesNotProve[0]).toContain('the person showing you this page');

    const linkedIn = new URL(res.body.linkedInUrl as string);
    expect(linkedIn.origin + linkedIn.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(linkedIn.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Digital Health Leadership Programme',
      organizationName: issuer.name,
      issueYear: '2023',
      issueMonth: '9',
      expirationYear: '2028',
      expirationMonth: '1',
      certUrl: res.body.pageUrl,
      certId: id,
    });

    // The signed copy stands on its own: anyone can check it.
    const checked = await api()
      .post('/api/v1/vc/verify')
      .send({ credential: res.body.signedCredential })
      .expect(200);
    expect(checked.body.verified).toBe(true);
  });

  it('should serve an HTML page with Open Graph metadata, a QR code and the LinkedIn link', async () => {
    const res = await api().get(`/credentials/${id}`).expect(200);
    const meta = (property: string) =>
      new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(res.text)?.[1];
    expect(meta('og:type')).toBe('website');
    expect(meta('og:title')).toContain('Digital Health Leadership Programme');
    expect(meta('og:description')).toContain(holder.registerNumber);
    expect(meta('og:url')).toMatch(new RegExp(`/credentials/${id}$`));
    expect(res.text).toContain('src="data:image/svg+xml;base64,');
    expect(res.text).toContain('https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME');
    expect(res.text).toContain('What this page proves');
    expect(res.text).toContain('What it does not prove');
  });

  it('should show a revoked credential as revoked and prove nothing else', async () => {
    const revokedId = await issue(issuer, holder);
    await setPublic(revokedId, holder.token, true).expect(200);
    await api()
      .post(`/api/v1/credentials/${revokedId}/revoke`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'Awarded in error' })
      .expect(200);
    const res = await publicJson(revokedId).expect(200);
    expect(res.body.status).toBe('revoked');
    expect(res.body.verification.verified).toBe(false);
    expect(res.body.proves).toEqual(['That this credential is revoked: do not rely on it.']);
    const page = await api().get(`/credentials/${revokedId}`).expect(200);
    expect(page.text).toContain('Do not rely on this credential');
  });

  it('should hide the page again once the holder switches it off', async () => {
    await setPublic(id, holder.token, false).expect(200);
    await publicJson(id).expect(404);
    await api().get(`/credentials/${id}`).expect(404);
  });
});
