import type { Response } from 'supertest';
import { api, bearer, closeDb } from '../support/app.js';
import { idempotencyKey, newEmployer, newIssuer, newPractitioner } from '../support/factories.js';

const PUBLIC = /^public, max-age=(\d+), stale-while-revalidate=(\d+)$/;

/** max-age + stale-while-revalidate: how long a cache may show what this response says. */
function staleBound(res: Response): number {
  const match = PUBLIC.exec(String(res.headers['cache-control']));
  if (!match) throw new Error(`not publicly cacheable: ${res.headers['cache-control']}`);
  return Number(match[1]) + Number(match[2]);
}

const varies = (res: Response) =>
  String(res.headers.vary)
    .split(',')
    .map((v) => v.trim().toLowerCase());

async function issuedCredential() {
  const [issuer, holder] = await Promise.all([newIssuer(), newPractitioner()]);
  const issued = await api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', idempotencyKey())
    .send({
      registerNumber: holder.registerNumber,
      kind: 'certificate',
      title: 'Digital Leadership Programme',
      awardedOn: '2022-03-01',
    })
    .expect(201);
  return { issuer, holder, credentialId: (issued.body as { id: string }).id };
}

describe('HTTP caching of public reads', () => {
  afterAll(closeDb);

  it('should give an entry a stable strong ETag, answer 304 to it, and change it on revocation', async () => {
    const { issuer, holder, credentialId } = await issuedCredential();
    const path = `/api/v1/register/${holder.registerNumber}`;
    const first = await api().get(path).expect(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(staleBound(first)).toBeLessThanOrEqual(300);
    expect(varies(first)).toEqual(expect.arrayContaining(['authorization', 'x-api-key']));
    const again = await api().get(path).expect(200);
    expect(again.headers.etag).toBe(etag);
    expect(again.text).toBe(first.text);

    const notModified = await api().get(path).set('if-none-match', etag).expect(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe(etag);
    expect(notModified.headers['cache-control']).toBe(first.headers['cache-control']);
    await api().get(path).set('if-none-match', `"other", W/${etag}`).expect(304);
    await api().get(path).set('if-none-match', '*').expect(304);
    await api().get(path).set('if-none-match', '"other"').expect(200);

    await api()
      .post(`/api/v1/credentials/${credentialId}/revoke`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'awarded in error' })
      .expect(200);
    const revoked = await api().get(path).set('if-none-match', etag).expect(200);
    expect(revoked.headers.etag).not.toBe(etag);
    expect((revoked.body as { credentials: { status: string }[] }).credentials).toEqual([
      expect.objectContaining({ status: 'revoked' }),
    ]);
  });

  it('should cache search publicly and answer 304', async () => {
    const p = await newPractitioner();
    const res = await api().get('/api/v1/register').query({ q: p.registerNumber }).expect(200);
    expect(staleBound(res)).toBeLessThanOrEqual(300);
    await api()
      .get('/api/v1/register')
      .query({ q: p.registerNumber })
      .set('if-none-match', String(res.headers.etag))
      .expect(304);
  });

  it('should make an employer-signed entry private and no-store, and still record the lookup', async () => {
    const [p, employer] = await Promise.all([newPractitioner(), newEmployer()]);
    const path = `/api/v1/register/${p.registerNumber}`;
    const anonymous = await api().get(path).expect(200);
    const signed = await api()
      .get(path)
      .set(bearer(employer.token))
      .set('if-none-match', String(anonymous.headers.etag))
      .expect(200);
    expect(signed.headers['cache-control']).toBe('private, no-store');
    expect(signed.headers.etag).toBeUndefined();
    const checks = await api().get('/api/v1/practitioners/me/checks').set(bearer(p.token));
    expect(checks.status).toBe(200);
    expect(checks.headers['cache-control']).toBe('no-store');
    expect((checks.body as { items: { type: string }[] }).items).toEqual([
      expect.objectContaining({ type: 'register-lookup' }),
    ]);
  });

  it('should never share a response to a request that carries credentials', async () => {
    const { issuer, holder } = await issuedCredential();
    const withKey = await api()
      .get(`/api/v1/register/${holder.registerNumber}`)
      .set('x-api-key', issuer.apiKey)
      .expect(200);
    expect(withKey.headers['cache-control']).toBe('private, no-store');
    const search = await api()
      .get('/api/v1/register')
      .query({ q: holder.registerNumber })
      .set(bearer(holder.token))
      .expect(200);
    expect(search.headers['cache-control']).toBe('private, no-store');
  });

  it('should not store errors, receipts, share codes or own data', async () => {
    const unknown = await api()
      .get('/api/v1/register/DL-000000-0')
      .expect((r) => {
        expect([400, 404]).toContain(r.status);
      });
    expect(unknown.headers['cache-control']).toBe('no-store');
    expect(unknown.headers.etag).toBeUndefined();

    const p = await newPractitioner();
    const check = await api()
      .post('/api/v1/verifications')
      .send({
        registerNumber: p.registerNumber,
        claim: { kind: 'degree', title: 'MSc Data Science', awardingBody: 'Nowhere University' },
      })
      .expect(201);
    expect(check.headers['cache-control']).toBe('no-store');
    const receipt = await api()
      .get(`/api/v1/verifications/${(check.body as { reference: string }).reference}`)
      .expect(200);
    expect(receipt.headers['cache-control']).toBe('no-store');
    expect(receipt.headers.etag).toBeUndefined();

    const code = await api()
      .post('/api/v1/share-codes')
      .set(bearer(p.token))
      .send({ purpose: 'job application', expiresInDays: 7 })
      .expect(201);
    expect(code.headers['cache-control']).toBe('no-store');
    const redeemed = await api()
      .post('/api/v1/share-codes/redeem')
      .send({ code: (code.body as { code: string }).code, dateOfBirth: '1980-05-17' })
      .expect(200);
    expect(redeemed.headers['cache-control']).toBe('no-store');
    const me = await api().get('/api/v1/practitioners/me').set(bearer(p.token)).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('should cache JWKS, did.json and status lists, the status lists per Accept', async () => {
    const jwks = await api().get('/.well-known/jwks.json').expect(200);
    expect(staleBound(jwks)).toBeLessThanOrEqual(300);
    await api()
      .get('/.well-known/jwks.json')
      .set('if-none-match', String(jwks.headers.etag))
      .expect(304);
    const did = await api().get('/.well-known/did.json').expect(200);
    expect(staleBound(did)).toBeLessThanOrEqual(300);

    const { issuer, holder, credentialId } = await issuedCredential();
    const vc = await api().get(`/api/v1/credentials/${credentialId}/vc`).set(bearer(holder.token));
    expect(vc.status).toBe(200);
    expect(vc.headers['cache-control']).toBe('private, no-cache');
    const status = (JSON.parse(vc.text) as { credentialStatus: { statusListCredential: string }[] })
      .credentialStatus[0];
    const listPath = new URL(String(status?.statusListCredential)).pathname;
    const ld = await api().get(listPath).expect(200);
    const jwt = await api().get(listPath).set('accept', 'application/vc+jwt').expect(200);
    expect(staleBound(ld)).toBeLessThanOrEqual(300);
    expect(varies(ld)).toContain('accept');
    expect(jwt.headers.etag).not.toBe(ld.headers.etag);
    await api().get(listPath).set('if-none-match', String(ld.headers.etag)).expect(304);

    const issuerDid = await api().get(`/issuers/${issuer.id}/did.json`).expect(200);
    expect(staleBound(issuerDid)).toBeLessThanOrEqual(300);
    await api()
      .post(`/api/v1/credentials/${credentialId}/revoke`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'awarded in error' })
      .expect(200);
    const after = await api().get(listPath).set('if-none-match', String(ld.headers.etag));
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(ld.headers.etag);
  });
});
