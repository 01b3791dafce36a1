import { api, asRegistrar, auditSettled, bearer, closeDb, count, db } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  type TestIssuer,
  type TestPractitioner,
} from '../support/factories.js';
import { apiClient, type Schemas } from '../support/client.js';

const degree = (registerNumber: string, extra: Record<string, unknown> = {}) => ({
  registerNumber,
  kind: 'degree',
  title: 'MSc Health Informatics',
  subject: 'Health Informatics',
  level: 7,
  result: 'Distinction',
  awardedOn: '2021-07-14',
  ...extra,
});

async function issue(issuer: TestIssuer, body: object, key = idempotencyKey()) {
  return api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', key)
    .send(body);
}

describe('Credentials', () => {
  let issuer: TestIssuer;
  let other: TestIssuer;
  let holder: TestPractitioner;

  beforeAll(async () => {
    [issuer, other, holder] = await Promise.all([newIssuer(), newIssuer(), newPractitioner()]);
  });
  afterAll(closeDb);

  it('should issue with provenance, a status history and an audit event in the same transaction', async () => {
    const res = await issue(issuer, degree(holder.registerNumber));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      recordType: 'credential',
      provenance: 'issued',
      status: 'active',
      registerNumber: holder.registerNumber,
      awardingBody: issuer.name,
    });
    const id = res.body.id;
    expect(
      await count(
        `SELECT 1 FROM credential_status_changes WHERE credential_id = $1 AND to_status = 'active'`,
        [id],
      ),
    ).toBe(1);
    await auditSettled();
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'credential.issued'`,
        [id],
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT 1 FROM outbox_events WHERE subject_id = $1 AND type = 'credential.issued'`,
        [id],
      ),
    ).toBe(1);
  });

  it('should issue and read back through the client typed from the OpenAPI document', async () => {
    const client = apiClient({ 'x-api-key': issuer.apiKey });
    const body: Schemas['IssueCredentialDto'] = {
      registerNumber: holder.registerNumber,
      kind: 'certificate',
      title: 'Digital Leadership Certificate',
      awardedOn: '2023-03-01',
    };
    const issued = await client.POST('/api/v1/credentials', {
      params: { header: { 'Idempotency-Key': idempotencyKey() } },
      body,
    });
    expect(issued.response.status).toBe(201);
    const id = issued.data?.id ?? '';
    const read = await client.GET('/api/v1/credentials/{id}', { params: { path: { id } } });
    expect(read.data).toMatchObject({ id, title: body.title, status: 'active' });
    const refused = await client.POST('/api/v1/credentials/{id}/reinstate', {
      params: { path: { id } },
      body: { reason: 'Not suspended' },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.response.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.error).toMatchObject({ status: 409, code: expect.any(String) });
  });

  it('should name the holder by a professional registration', async () => {
    const p = await newPractitioner();
    const gmc = String(7_000_000 + Math.floor(Math.random() * 999_999));
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ registrations: [{ body: 'GMC', number: gmc }] })
      .expect(200);
    const res = await issue(issuer, {
      ...degree(''),
      registerNumber: undefined,
      registration: { body: 'GMC', number: gmc },
    });
    expect(res.status).toBe(201);
    expect(res.body.registerNumber).toBe(p.registerNumber);
  });

  it('should answer the same key and body with the same response, issuing once', async () => {
    const key = idempotencyKey();
    const body = degree(holder.registerNumber, {
      title: 'PGCert Digital Leadership',
      kind: 'certificate',
      level: 7,
    });
    const first = await issue(issuer, body, key);
    const second = await issue(issuer, body, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(
      await count(
        `SELECT 1 FROM credentials WHERE issuer_id = $1 AND title = 'PGCert Digital Leadership'`,
        [issuer.id],
      ),
    ).toBe(1);
  });

  it('should refuse the same key with another body (422) and scope keys per issuer', async () => {
    const key = idempotencyKey();
    await issue(
      issuer,
      degree(holder.registerNumber, { title: 'BSc Computing', level: 6 }),
      key,
    ).then((r) => expect(r.status).toBe(201));
    const again = await issue(
      issuer,
      degree(holder.registerNumber, { title: 'BSc Computing (Hons)', level: 6 }),
      key,
    );
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('CREDENTIAL.IDEMPOTENCY_KEY_REUSED');
    const elsewhere = await issue(
      other,
      degree(holder.registerNumber, { title: 'BSc Computing', level: 6 }),
      key,
    );
    expect(elsewhere.status).toBe(201);
  });

  it('should issue once when the same request races itself', async () => {
    const key = idempotencyKey();
    const body = degree(holder.registerNumber, { title: 'MBA Healthcare', level: 7 });
    const results = await Promise.all(Array.from({ length: 5 }, () => issue(issuer, body, key)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(
      await count(`SELECT 1 FROM credentials WHERE issuer_id = $1 AND title = 'MBA Healthcare'`, [
        issuer.id,
      ]),
    ).toBe(1);
  });

  it('should refuse a missing Idempotency-Key, unknown fields, a mistyped number and an unknown holder', async () => {
    const noKey = await api()
      .post('/api/v1/credentials')
      .set('x-api-key', issuer.apiKey)
      .send(degree(holder.registerNumber));
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('CREDENTIAL.IDEMPOTENCY_KEY_REQUIRED');
    const massAssign = await issue(issuer, {
      ...degree(holder.registerNumber),
      status: 'revoked',
      provenance: 'document-checked',
      issuerId: other.id,
    });
    expect(massAssign.status).toBe(400);
    expect(massAssign.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['status', 'provenance', 'issuerId']),
    );
    const wrongDigit =
      holder.registerNumber.slice(0, 9) + String((Number(holder.registerNumber[9]) + 1) % 10);
    const typo = await issue(issuer, degree(wrongDigit));
    expect(typo.status).toBe(400);
    expect(typo.body.detail).toMatch(/mistype/);
    const unknown = await issue(issuer, degree('DL10000002'));
    expect([400, 422]).toContain(unknown.status);
    const future = await issue(issuer, degree(holder.registerNumber, { awardedOn: '2999-01-01' }));
    expect(future.status).toBe(400);
    expect(await count(`SELECT 1 FROM credentials WHERE awarded_on = '2999-01-01'`)).toBe(0);
  });

  it('should refuse a practitioner or employer issuing', async () => {
    const res = await api()
      .post('/api/v1/credentials')
      .set(bearer(holder.token))
      .set('idempotency-key', 'x')
      .send(degree(holder.registerNumber));
    expect(res.status).toBe(403);
  });

  describe('status changes', () => {
    let id: string;
    beforeEach(async () => {
      id = (
        await issue(
          issuer,
          degree(holder.registerNumber, { title: `Cert ${Math.random()}`, kind: 'certificate' }),
        )
      ).body.id;
    });

    it('should suspend, reinstate and revoke with reasons, then refuse what makes no sense (409)', async () => {
      const auth = { 'x-api-key': issuer.apiKey };
      await api()
        .post(`/api/v1/credentials/${id}/suspend`)
        .set(auth)
        .send({ reason: 'Under investigation' })
        .expect(200);
      const again = await api()
        .post(`/api/v1/credentials/${id}/suspend`)
        .set(auth)
        .send({ reason: 'Again' })
        .expect(409);
      expect(again.body.code).toBe('CREDENTIAL.ALREADY_SUSPENDED');
      await api()
        .post(`/api/v1/credentials/${id}/reinstate`)
        .set(auth)
        .send({ reason: 'Cleared' })
        .expect(200);
      const revoked = await api()
        .post(`/api/v1/credentials/${id}/revoke`)
        .set(auth)
        .send({ reason: 'Awarded in error' })
        .expect(200);
      expect(revoked.body.status).toBe('revoked');
      expect(revoked.body.history.map((h: { to: string }) => h.to)).toEqual([
        'active',
        'suspended',
        'active',
        'revoked',
      ]);
      const twice = await api()
        .post(`/api/v1/credentials/${id}/revoke`)
        .set(auth)
        .send({ reason: 'Again' })
        .expect(409);
      expect(twice.body.code).toBe('CREDENTIAL.ALREADY_REVOKED');
      await api()
        .post(`/api/v1/credentials/${id}/renew`)
        .set(auth)
        .send({ validUntil: '2031-01-01' })
        .expect(409);
      const { rows } = await db().query(
        `SELECT reason, actor_type FROM credential_status_changes WHERE credential_id = $1 ORDER BY changed_at`,
        [id],
      );
      expect(rows.map((r: { reason: string | null }) => r.reason)).toEqual([
        null,
        'Under investigation',
        'Cleared',
        'Awarded in error',
      ]);
    });

    it('should let only one of two concurrent revocations win', async () => {
      const results = await Promise.all(
        [1, 2].map(() =>
          api()
            .post(`/api/v1/credentials/${id}/revoke`)
            .set('x-api-key', issuer.apiKey)
            .send({ reason: 'race' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(
        await count(
          `SELECT 1 FROM credential_status_changes WHERE credential_id = $1 AND to_status = 'revoked'`,
          [id],
        ),
      ).toBe(1);
    });

    it('should answer 404 to another issuer and change nothing', async () => {
      for (const action of ['revoke', 'suspend', 'reinstate']) {
        await api()
          .post(`/api/v1/credentials/${id}/${action}`)
          .set('x-api-key', other.apiKey)
          .send({ reason: 'not mine' })
          .expect(404);
      }
      await api()
        .post(`/api/v1/credentials/${id}/renew`)
        .set('x-api-key', other.apiKey)
        .send({ validUntil: '2030-01-01' })
        .expect(404);
      await api().get(`/api/v1/credentials/${id}`).set('x-api-key', other.apiKey).expect(404);
      const { rows } = await db().query(`SELECT status FROM credentials WHERE id = $1`, [id]);
      expect(rows[0].status).toBe('active');
    });

    it('should show the credential to its holder and the registrar, and 404 to another practitioner', async () => {
      await api().get(`/api/v1/credentials/${id}`).set(bearer(holder.token)).expect(200);
      await api()
        .get(`/api/v1/credentials/${id}`)
        .set(bearer(await asRegistrar()))
        .expect(200);
      const stranger = await newPractitioner();
      await api().get(`/api/v1/credentials/${id}`).set(bearer(stranger.token)).expect(404);
      await api()
        .post(`/api/v1/credentials/${id}/revoke`)
        .set(bearer(stranger.token))
        .send({ reason: 'x' })
        .expect(403);
    });

    it('should renew an active credential and let the registrar revoke', async () => {
      const renewed = await api()
        .post(`/api/v1/credentials/${id}/renew`)
        .set('x-api-key', issuer.apiKey)
        .send({ validUntil: '2032-02-02' })
        .expect(200);
      expect(renewed.body.validUntil).toBe('2032-02-02');
      await api()
        .post(`/api/v1/credentials/${id}/revoke`)
        .set(bearer(await asRegistrar()))
        .send({ reason: 'Registrar decision' })
        .expect(200);
    });
  });

  it('should search only the issuer’s own credentials', async () => {
    await issue(other, degree(holder.registerNumber, { title: 'Other body award' }));
    const mine = await api()
      .get(`/api/v1/credentials?registerNumber=${holder.registerNumber}&pageSize=100`)
      .set('x-api-key', issuer.apiKey)
      .expect(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((c: { issuerId: string }) => c.issuerId === issuer.id)).toBe(true);
    const all = await api()
      .get(`/api/v1/credentials?registerNumber=${holder.registerNumber}&pageSize=100`)
      .set(bearer(await asRegistrar()))
      .expect(200);
    expect(all.body.total).toBeGreaterThan(mine.body.total);
    await api().get('/api/v1/credentials?pageSize=500').set('x-api-key', issuer.apiKey).expect(400);
  });
});
