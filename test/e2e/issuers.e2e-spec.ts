import { createHash } from 'node:crypto';
import { api, asRegistrar, bearer, closeDb, count, db } from '../support/app.js';
import { newIssuer, newPractitioner } from '../support/factories.js';

describe('Certifying bodies', () => {
  afterAll(closeDb);

  it('should let only the registrar recognise a body, and list it publicly', async () => {
    const practitioner = await newPractitioner();
    await api()
      .post('/api/v1/issuers')
      .set(bearer(practitioner.token))
      .send({ name: 'Fake College', kind: 'university' })
      .expect(403);
    expect(await count(`SELECT 1 FROM issuers WHERE name = 'Fake College'`)).toBe(0);
    const issuer = await newIssuer({ name: 'Northshire Academy of Digital Health' });
    const list = await api().get('/api/v1/issuers').expect(200);
    expect(list.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: issuer.id, status: 'recognised' })]),
    );
  });

  it('should refuse unknown fields and bad kinds when recognising a body', async () => {
    const res = await api()
      .post('/api/v1/issuers')
      .set(bearer(await asRegistrar()))
      .send({ name: 'X', kind: 'diploma-mill', status: 'recognised' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['kind', 'status']),
    );
  });

  it('should store API keys only as a hash, show them once, and stop them working when revoked', async () => {
    const issuer = await newIssuer();
    const { rows } = await db().query(
      `SELECT id, key_hash, hint FROM api_keys WHERE issuer_id = $1`,
      [issuer.id],
    );
    expect(rows).toHaveLength(1);
    expect(issuer.apiKey).toMatch(/^dlr_live_[A-Za-z0-9_-]{43}$/);
    expect(rows[0].key_hash).toBe(createHash('sha256').update(issuer.apiKey).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(issuer.apiKey);
    const me = await api().get('/api/v1/me').set('x-api-key', issuer.apiKey).expect(200);
    expect(me.body).toMatchObject({ kind: 'api-key', role: 'issuer', issuer: { id: issuer.id } });
    const listed = await api()
      .get(`/api/v1/issuers/${issuer.id}/api-keys`)
      .set(bearer(issuer.token))
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(issuer.apiKey);
    await api()
      .delete(`/api/v1/issuers/${issuer.id}/api-keys/${rows[0].id}`)
      .set(bearer(issuer.token))
      .expect(204);
    await api().get('/api/v1/me').set('x-api-key', issuer.apiKey).expect(401);
  });

  it("should answer 404 when one body's staff touch another body's keys, and change nothing", async () => {
    const a = await newIssuer();
    const b = await newIssuer();
    await api().post(`/api/v1/issuers/${b.id}/api-keys`).set(bearer(a.token)).send({}).expect(404);
    const { rows } = await db().query(`SELECT id FROM api_keys WHERE issuer_id = $1`, [b.id]);
    await api()
      .delete(`/api/v1/issuers/${b.id}/api-keys/${rows[0].id}`)
      .set(bearer(a.token))
      .expect(404);
    expect(
      await count(`SELECT 1 FROM api_keys WHERE issuer_id = $1 AND revoked_at IS NULL`, [b.id]),
    ).toBe(1);
    await api().get(`/api/v1/issuers/${b.id}/api-keys`).set(bearer(a.token)).expect(404);
  });

  it('should stop a suspended body issuing, with its keys and its staff', async () => {
    const issuer = await newIssuer();
    const practitioner = await newPractitioner();
    await api()
      .post(`/api/v1/issuers/${issuer.id}/status`)
      .set(bearer(await asRegistrar()))
      .send({ status: 'suspended', reason: 'Recognition under review' })
      .expect(200);
    const body = {
      registerNumber: practitioner.registerNumber,
      kind: 'certificate',
      title: 'Leadership',
      awardedOn: '2024-01-01',
    };
    await api()
      .post('/api/v1/credentials')
      .set('x-api-key', issuer.apiKey)
      .set('idempotency-key', 'k1')
      .send(body)
      .expect(401);
    const res = await api()
      .post('/api/v1/credentials')
      .set(bearer(issuer.token))
      .set('idempotency-key', 'k1')
      .send(body)
      .expect(403);
    expect(res.body.code).toBe('ISSUER.SUSPENDED');
    expect(await count(`SELECT 1 FROM credentials WHERE issuer_id = $1`, [issuer.id])).toBe(0);
  });
});
