import { api, asRegistrar, bearer, closeDb, db } from '../support/app.js';
import {
  idempotencyKey,
  newEmployer,
  newIssuer,
  newPractitioner,
  searchableSurname,
} from '../support/factories.js';
import { apiClient } from '../support/client.js';

const surname = searchableSurname;

async function issue(apiKey: string, registerNumber: string, body: Record<string, unknown> = {}) {
  const res = await api()
    .post('/api/v1/credentials')
    .set('X-API-Key', apiKey)
    .set('Idempotency-Key', idempotencyKey())
    .send({
      registerNumber,
      kind: 'degree',
      title: 'MSc Health Informatics',
      level: 7,
      result: 'Merit',
      awardedOn: '2015-07-01',
      ...body,
    })
    .expect(201);
  return res.body as { id: string };
}

describe('Public register', () => {
  afterAll(closeDb);

  describe('search', () => {
    it('should find a name despite case, accents and a typo, and never show private fields', async () => {
      const family = surname('Muller');
      const p = await newPractitioner({ givenName: 'José', familyName: `${family}-Ørsted` });
      const res = await api()
        .get('/api/v1/register')
        .query({ q: `jose ${family.toUpperCase()} orsted` })
        .expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 20 });
      expect(res.body.items.map((i: { registerNumber: string }) => i.registerNumber)).toContain(
        p.registerNumber,
      );
      const typo = family.slice(0, 2) + family[3] + family[2] + family.slice(4);
      const fuzzy = await api()
        .get('/api/v1/register')
        .query({ q: `José ${typo}-Orsted` })
        .expect(200);
      expect(fuzzy.body.items.map((i: { registerNumber: string }) => i.registerNumber)).toContain(
        p.registerNumber,
      );
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('1980-05-17');
      expect(text).not.toContain(p.email);
      expect(text).not.toMatch(/"id"/);
    });

    it('should search and read an entry through the client typed from the OpenAPI document', async () => {
      const p = await newPractitioner({ familyName: surname('Typedclient') });
      const client = apiClient();
      const found = await client.GET('/api/v1/register', {
        params: { query: { q: p.registerNumber } },
      });
      expect(found.data?.items.map((i) => i.registerNumber)).toContain(p.registerNumber);
      const entry = await client.GET('/api/v1/register/{registerNumber}', {
        params: { path: { registerNumber: p.registerNumber } },
      });
      expect(entry.data).toMatchObject({ registerNumber: p.registerNumber });
      const mistyped = `${p.registerNumber.slice(0, -1)}${(Number(p.registerNumber.slice(-1)) + 1) % 10}`;
      const refused = await client.GET('/api/v1/register/{registerNumber}', {
        params: { path: { registerNumber: mistyped } },
      });
      expect(refused.response.status).toBe(400);
      expect(refused.error).toMatchObject({ status: 400 });
    });

    it('should find former names only when the practitioner makes them public', async () => {
      const former = surname('Brown');
      const p = await newPractitioner();
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ formerNames: [`Alex ${former}`] })
        .expect(200);
      const hidden = await api().get('/api/v1/register').query({ q: former }).expect(200);
      const numbers = (body: { items: { registerNumber: string }[] }) =>
        body.items.map((i) => i.registerNumber);
      expect(numbers(hidden.body)).not.toContain(p.registerNumber);
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ visibility: { formerNames: true } })
        .expect(200);
      const shown = await api().get('/api/v1/register').query({ q: former }).expect(200);
      expect(shown.body.items[0]).toEqual(
        expect.objectContaining({
          registerNumber: p.registerNumber,
          matchedOn: 'former-name',
          formerNames: [`Alex ${former}`],
        }),
      );
    });

    it('should leave unlisted people out of name results but still find them by number', async () => {
      const family = surname('Unlisted');
      const p = await newPractitioner({ familyName: family });
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ visibility: { listed: false } })
        .expect(200);
      expect(
        (await api().get('/api/v1/register').query({ q: family }).expect(200)).body.total,
      ).toBe(0);
      const byNumber = await api()
        .get('/api/v1/register')
        .query({ q: p.registerNumber.toLowerCase() })
        .expect(200);
      expect(byNumber.body.items).toEqual([
        expect.objectContaining({ registerNumber: p.registerNumber, matchedOn: 'register-number' }),
      ]);
    });

    it('should answer a register number with a wrong check digit with a 400 that says so', async () => {
      const p = await newPractitioner();
      const wrong = p.registerNumber.slice(0, 9) + String((Number(p.registerNumber[9]) + 1) % 10);
      const res = await api().get('/api/v1/register').query({ q: wrong }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('PRACTITIONER.REGISTER_NUMBER_CHECK_DIGIT');
      expect(res.body.detail).toMatch(/mistype/);
    });

    it('should find a professional registration number', async () => {
      const gmc = String(3_000_000 + Math.floor(Math.random() * 999_999));
      const p = await newPractitioner();
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ registrations: [{ body: 'GMC', number: gmc }] })
        .expect(200);
      const res = await api()
        .get('/api/v1/register')
        .query({ q: `GMC ${gmc}` })
        .expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          registerNumber: p.registerNumber,
          matchedOn: 'professional-registration',
        }),
      ]);
    });

    it('should refuse bad filters and oversized queries with problems naming the field', async () => {
      expect(
        (
          await api()
            .get('/api/v1/register')
            .query({ q: 'x'.repeat(101) })
            .expect(400)
        ).body.errors[0].field,
      ).toBe('q');
      expect(
        (
          await api()
            .get('/api/v1/register')
            .query({ standing: 'excellent', role: 'CIO' })
            .expect(400)
        ).body.errors[0].field,
      ).toBe('standing');
      expect(
        (await api().get('/api/v1/register').query({ standing: 'certified' }).expect(400)).body
          .code,
      ).toBe('REGISTER.STANDING_NEEDS_ROLE');
      expect(
        (await api().get('/api/v1/register').query({ role: 'NOPE' }).expect(400)).body.code,
      ).toBe('REGISTER.UNKNOWN_ROLE');
      expect(
        (await api().get('/api/v1/register').query({ pageSize: 101 }).expect(400)).body.errors[0]
          .field,
      ).toBe('pageSize');
    });

    it('should filter by role and standing', async () => {
      const family = surname('Rolefilter');
      const p = await newPractitioner({ familyName: family });
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({
          appointments: [
            { roleCode: 'CIO', organisation: 'Testshire NHS Trust', startDate: '2024-01-01' },
          ],
        })
        .expect(200);
      const res = await api().get('/api/v1/register').query({ q: family, role: 'CIO' }).expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          registerNumber: p.registerNumber,
          currentRoles: ['CIO'],
          standing: 'not-certified',
        }),
      ]);
      expect(
        (
          await api()
            .get('/api/v1/register')
            .query({ q: family, role: 'CIO', standing: 'certified' })
            .expect(200)
        ).body.total,
      ).toBe(0);
    });
  });

  describe('entry', () => {
    it('should answer 404 for an unknown number and 400 for a mistyped or malformed one', async () => {
      const p = await newPractitioner();
      await api().get('/api/v1/register/DL10000004').expect(404);
      const wrong = p.registerNumber.slice(0, 9) + String((Number(p.registerNumber[9]) + 3) % 10);
      expect((await api().get(`/api/v1/register/${wrong}`).expect(400)).body.code).toBe(
        'PRACTITIONER.REGISTER_NUMBER_CHECK_DIGIT',
      );
      expect((await api().get('/api/v1/register/banana').expect(400)).body.code).toBe(
        'PRACTITIONER.REGISTER_NUMBER_FORMAT',
      );
    });

    it('should refuse a future or malformed at date', async () => {
      const p = await newPractitioner();
      const future = await api()
        .get(`/api/v1/register/${p.registerNumber}`)
        .query({ at: '2999-01-01' })
        .expect(400);
      expect(future.body).toMatchObject({
        code: 'REGISTER.AT_INVALID',
        errors: [{ field: 'at', message: 'must not be in the future' }],
      });
      await api()
        .get(`/api/v1/register/${p.registerNumber}`)
        .query({ at: '2024-02-30' })
        .expect(400);
      await api()
        .get(`/api/v1/register/${p.registerNumber}`)
        .query({ at: 'last week' })
        .expect(400);
    });

    it('should show credentials with provenance and answer as the register stood on a past date', async () => {
      const issuer = await newIssuer();
      const p = await newPractitioner();
      const entered = new Date('2022-01-10T09:00:00Z');
      const { rows } = await db().query(`SELECT id FROM practitioners WHERE register_number = $1`, [
        p.registerNumber,
      ]);
      const practitionerId = rows[0].id as string;
      await db().query(
        `UPDATE practitioner_status_changes SET changed_at = $2 WHERE practitioner_id = $1`,
        [practitionerId, entered],
      );
      const kept = await issue(issuer.apiKey, p.registerNumber, {
        title: 'Digital Leadership Certificate',
        kind: 'certificate',
        level: null,
        result: null,
        awardedOn: '2022-03-01',
      });
      const revoked = await issue(issuer.apiKey, p.registerNumber, { awardedOn: '2023-06-01' });
      await api()
        .post(`/api/v1/credentials/${revoked.id}/revoke`)
        .set('X-API-Key', issuer.apiKey)
        .send({ reason: 'Awarded in error' })
        .expect(200);
      // Backdate the history: issued in 2022/2023, the second revoked in 2024.
      await db().query(`UPDATE credentials SET created_at = '2022-03-01T10:00:00Z' WHERE id = $1`, [
        kept.id,
      ]);
      await db().query(
        `UPDATE credential_status_changes SET changed_at = '2022-03-01T10:00:00Z' WHERE credential_id = $1`,
        [kept.id],
      );
      await db().query(`UPDATE credentials SET created_at = '2023-06-01T10:00:00Z' WHERE id = $1`, [
        revoked.id,
      ]);
      await db().query(
        `UPDATE credential_status_changes SET changed_at = '2023-06-01T10:00:00Z' WHERE credential_id = $1 AND from_status IS NULL`,
        [revoked.id],
      );
      await db().query(
        `UPDATE credential_status_changes SET changed_at = '2024-02-01T10:00:00Z' WHERE credential_id = $1 AND from_status IS NOT NULL`,
        [revoked.id],
      );

      const now = (await api().get(`/api/v1/register/${p.registerNumber}`).expect(200)).body;
      expect(now.credentials).toHaveLength(2);
      expect(now.credentials).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            title: 'Digital Leadership Certificate',
            status: 'active',
            provenance: 'issued',
            provenanceLabel: expect.any(String),
          }),
          expect.objectContaining({
            title: 'MSc Health Informatics',
            status: 'revoked',
            provenance: 'issued',
          }),
        ]),
      );
      const mid2023 = (
        await api()
          .get(`/api/v1/register/${p.registerNumber}`)
          .query({ at: '2023-07-01' })
          .expect(200)
      ).body;
      expect(mid2023.asOf).toBe('2023-07-01');
      expect(
        mid2023.credentials
          .map((c: { title: string; status: string }) => [c.title, c.status])
          .sort(),
      ).toEqual([
        ['Digital Leadership Certificate', 'active'],
        ['MSc Health Informatics', 'active'],
      ]);
      const early2022 = (
        await api()
          .get(`/api/v1/register/${p.registerNumber}`)
          .query({ at: '2022-02-01' })
          .expect(200)
      ).body;
      expect(early2022.credentials).toEqual([]);
      expect(early2022.registerStatus).toBe('registered');
      await api()
        .get(`/api/v1/register/${p.registerNumber}`)
        .query({ at: '2021-12-31' })
        .expect(404);
      expect(JSON.stringify(now)).not.toContain(kept.id);
    });

    it('should record a lookup by a signed-in employer for the practitioner to see', async () => {
      const p = await newPractitioner();
      const employer = await newEmployer();
      await api()
        .get(`/api/v1/register/${p.registerNumber}`)
        .set(bearer(employer.token))
        .expect(200);
      await api().get(`/api/v1/register/${p.registerNumber}`).expect(200);
      const checks = await api()
        .get('/api/v1/practitioners/me/checks')
        .set(bearer(p.token))
        .expect(200);
      expect(checks.body.items).toEqual([
        expect.objectContaining({
          type: 'register-lookup',
          organisation: expect.stringMatching(/Testshire NHS Trust/),
        }),
      ]);
      const other = await newPractitioner();
      expect(
        (await api().get('/api/v1/practitioners/me/checks').set(bearer(other.token)).expect(200))
          .body.total,
      ).toBe(0);
      await api().get('/api/v1/practitioners/me/checks').set(bearer(employer.token)).expect(403);
      await api().get('/api/v1/practitioners/me/checks').expect(401);
    });

    it('should show the register status, its conditions and their history', async () => {
      const registrar = await asRegistrar();
      const p = await newPractitioner();
      await api()
        .post(`/api/v1/practitioners/${p.registerNumber}/status`)
        .set(bearer(registrar))
        .send({
          status: 'registered-with-conditions',
          reason: 'Undertakings',
          conditions: 'Supervised for 12 months',
        })
        .expect(200);
      const entry = (await api().get(`/api/v1/register/${p.registerNumber}`).expect(200)).body;
      expect(entry).toMatchObject({
        registerStatus: 'registered-with-conditions',
        conditions: 'Supervised for 12 months',
      });
      expect(entry.statusHistory.map((h: { status: string }) => h.status)).toEqual([
        'registered',
        'registered-with-conditions',
      ]);
    });
  });
});
