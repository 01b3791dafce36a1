import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { api, asRegistrar, bearer, closeDb, db } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  searchableSurname,
  type TestIssuer,
} from '../support/factories.js';

const surname = searchableSurname;
const queries = (res: Response) => Number(res.headers['x-db-queries']);
const entryOf = async (registerNumber: string) => {
  const res = await api().get(`/api/v1/register/${registerNumber}`).expect(200);
  return res.body as {
    asOf: string;
    formerNames: string[];
    registerStatus: string;
    credentials: { title: string; status: string; validUntil: string | null }[];
    pendingClaims: { title: string; status: string }[];
    roles: { role: string; title: string; asOf: string }[];
  };
};
const stored = async (registerNumber: string) =>
  (
    await db().query<{ revision: number; stale_after: Date | null; document: unknown }>(
      `SELECT revision, stale_after, document FROM register_entries WHERE register_number = $1`,
      [registerNumber],
    )
  ).rows[0];

async function issue(issuer: TestIssuer, registerNumber: string, body: object = {}) {
  const res = await api()
    .post('/api/v1/credentials')
    .set('X-API-Key', issuer.apiKey)
    .set('Idempotency-Key', idempotencyKey())
    .send({
      registerNumber,
      kind: 'certificate',
      title: `Certificate ${randomBytes(3).toString('hex')}`,
      awardedOn: '2023-05-01',
      ...body,
    })
    .expect(201);
  return res.body as { id: string; title: string };
}

describe('Register read model', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await newIssuer();
  });
  afterAll(closeDb);

  describe('kept current by every write', () => {
    it('should show an issued credential at once, and its revocation at once', async () => {
      const p = await newPractitioner();
      const before = await stored(p.registerNumber);
      const credential = await issue(issuer, p.registerNumber);
      expect((await stored(p.registerNumber)).revision).toBeGreaterThan(before.revision);
      expect((await entryOf(p.registerNumber)).credentials).toEqual([
        expect.objectContaining({ title: credential.title, status: 'active' }),
      ]);
      await api()
        .post(`/api/v1/credentials/${credential.id}/revoke`)
        .set('X-API-Key', issuer.apiKey)
        .send({ reason: 'Awarded in error' })
        .expect(200);
      expect((await entryOf(p.registerNumber)).credentials).toEqual([
        expect.objectContaining({ title: credential.title, status: 'revoked' }),
      ]);
    });

    it('should keep bulk-issued credentials current, a batch at a time', async () => {
      const [a, b] = await Promise.all([newPractitioner(), newPractitioner()]);
      const res = await api()
        .post('/api/v1/credentials/bulk')
        .set('X-API-Key', issuer.apiKey)
        .set('content-type', 'application/json')
        .send(
          [a, b].map((p, i) => ({
            registerNumber: p.registerNumber,
            kind: 'certificate',
            title: 'Bulk Leadership Certificate',
            awardedOn: '2024-01-10',
            issuerReference: `bulk-${randomBytes(4).toString('hex')}-${i}`,
          })),
        );
      expect(res.status).toBeLessThan(300);
      for (const p of [a, b]) {
        const row = await stored(p.registerNumber);
        expect(JSON.stringify(row.document)).toContain('Bulk Leadership Certificate');
      }
    });

    it('should hide former names again as soon as the practitioner hides them', async () => {
      const former = surname('Formerly');
      const p = await newPractitioner();
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ formerNames: [`Sam ${former}`], visibility: { formerNames: true } })
        .expect(200);
      expect((await entryOf(p.registerNumber)).formerNames).toEqual([`Sam ${former}`]);
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ visibility: { formerNames: false } })
        .expect(200);
      expect((await entryOf(p.registerNumber)).formerNames).toEqual([]);
      // Not in the stored document either: what is hidden never lands in the read model.
      expect(JSON.stringify((await stored(p.registerNumber)).document)).not.toContain(former);
      const search = await api().get('/api/v1/register').query({ q: former }).expect(200);
      expect(search.body.items).toEqual([]);
    });

    it('should keep the search summary beside each stored entry in step with its document', async () => {
      const former = surname('Summarised');
      const p = await newPractitioner();
      const summaryOf = async () =>
        (
          await db().query<{ summary: { formerNames: string[] } & Record<string, unknown> }>(
            `SELECT summary FROM register_entries WHERE register_number = $1`,
            [p.registerNumber],
          )
        ).rows[0].summary;
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ formerNames: [`Sam ${former}`], visibility: { formerNames: true } })
        .expect(200);
      const entry = await entryOf(p.registerNumber);
      expect(await summaryOf()).toEqual({
        registerNumber: p.registerNumber,
        givenName: (entry as unknown as { givenName: string }).givenName,
        familyName: (entry as unknown as { familyName: string }).familyName,
        formerNames: [`Sam ${former}`],
        registerStatus: entry.registerStatus,
        roles: entry.roles.map((r) => ({
          role: r.role,
          appointed: (r as unknown as { appointed: boolean }).appointed,
          standing: (r as unknown as { standing: string }).standing,
        })),
      });
      const found = await api().get('/api/v1/register').query({ q: former }).expect(200);
      expect(found.body.items).toEqual([
        expect.objectContaining({
          registerNumber: p.registerNumber,
          formerNames: [`Sam ${former}`],
        }),
      ]);
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ visibility: { formerNames: false } })
        .expect(200);
      expect((await summaryOf()).formerNames).toEqual([]);
    });

    it('should show a declared claim as pending, and drop it when withdrawn', async () => {
      const p = await newPractitioner();
      const claim = await api()
        .post('/api/v1/practitioners/me/claims')
        .set(bearer(p.token))
        .send({
          awardingBody: 'College of Elsewhere',
          kind: 'degree',
          title: 'MSc Pending Studies',
          level: 7,
          awardedOn: '2012-07-01',
        })
        .expect(201);
      expect((await entryOf(p.registerNumber)).pendingClaims).toEqual([
        expect.objectContaining({ title: 'MSc Pending Studies', status: 'awaiting-confirmation' }),
      ]);
      await api()
        .delete(`/api/v1/practitioners/me/claims/${claim.body.id as string}`)
        .set(bearer(p.token))
        .expect(204);
      expect((await entryOf(p.registerNumber)).pendingClaims).toEqual([]);
    });

    it('should show a register status change by the registrar at once', async () => {
      const p = await newPractitioner();
      await entryOf(p.registerNumber);
      await api()
        .post(`/api/v1/practitioners/${p.registerNumber}/status`)
        .set(bearer(await asRegistrar()))
        .send({ status: 'suspended', reason: 'Investigation' })
        .expect(200);
      expect((await entryOf(p.registerNumber)).registerStatus).toBe('suspended');
    });

    it('should outdate every entry when a role changes, and rebuild on read', async () => {
      const registrar = await asRegistrar();
      const code = `R${randomBytes(3)
        .toString('hex')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, 'X')}`;
      await api()
        .post('/api/v1/roles')
        .set(bearer(registrar))
        .send({
          code,
          title: 'Chief Read Model Officer',
          clinical: false,
          requirements: {
            credentials: [],
            professionalRegistration: false,
            cpdHoursPerYear: 0,
            graceDays: 0,
          },
        })
        .expect(201);
      const p = await newPractitioner();
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({
          appointments: [{ roleCode: code, organisation: 'Testshire', startDate: '2020-01-01' }],
        })
        .expect(200);
      expect((await entryOf(p.registerNumber)).roles).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: code, title: 'Chief Read Model Officer' }),
        ]),
      );
      const before = await stored(p.registerNumber);
      await api()
        .patch(`/api/v1/roles/${code}`)
        .set(bearer(registrar))
        .send({ title: 'Chief Renamed Officer' })
        .expect(200);
      // No write touched this person: the role's new version makes the stored entry stale.
      expect((await stored(p.registerNumber)).revision).toBe(before.revision);
      expect((await entryOf(p.registerNumber)).roles).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: code, title: 'Chief Renamed Officer' }),
        ]),
      );
      expect((await stored(p.registerNumber)).revision).toBeGreaterThan(before.revision);
    });
  });

  describe('outdated by time alone', () => {
    it('should know when an entry next changes, and show a credential expired once that passes', async () => {
      // A role standard version that comes into force later (another spec may have added one)
      // changes standing with no write, so it bounds every entry's stale_after too.
      const { rows: ahead } = await db().query<{ next: Date | null }>(
        `SELECT min(effective_from)::timestamp AT TIME ZONE 'UTC' AS next FROM role_standards
          WHERE effective_from > current_date`,
      );
      const nextStandard = ahead[0]?.next?.toISOString() ?? null;
      const p = await newPractitioner();
      const credential = await issue(issuer, p.registerNumber, { validUntil: '2099-06-30' });
      expect((await stored(p.registerNumber)).stale_after?.toISOString()).toBe(
        [nextStandard, '2099-07-01T00:00:00.000Z'].filter((d) => d !== null).sort()[0],
      );
      // Time travel: move the credential's dates and the entry's stale_after back together, as
      // if the day after its expiry had come, with no write to the register in between.
      await db().query(`UPDATE credentials SET valid_until = '2020-06-30' WHERE id = $1`, [
        credential.id,
      ]);
      await db().query(
        `UPDATE credential_status_changes SET valid_until = '2020-06-30' WHERE credential_id = $1`,
        [credential.id],
      );
      await db().query(
        `UPDATE register_entries SET stale_after = '2020-07-01T00:00:00Z' WHERE register_number = $1`,
        [p.registerNumber],
      );
      const before = await stored(p.registerNumber);
      expect((await entryOf(p.registerNumber)).credentials).toEqual([
        expect.objectContaining({
          title: credential.title,
          status: 'expired',
          validUntil: '2020-06-30',
        }),
      ]);
      const after = await stored(p.registerNumber);
      expect(after.revision).toBe(before.revision + 1);
      expect(after.stale_after?.toISOString() ?? null).toBe(nextStandard);
    });

    it('should date a stored entry today whenever it was built', async () => {
      const p = await newPractitioner();
      await db().query(
        `UPDATE register_entries SET document = jsonb_set(document, '{asOf}', '"2001-01-01"') WHERE register_number = $1`,
        [p.registerNumber],
      );
      expect((await entryOf(p.registerNumber)).asOf).toBe(new Date().toISOString().slice(0, 10));
    });
  });

  describe('queries per request', () => {
    it('should answer a fresh entry with at most 3 queries', async () => {
      const p = await newPractitioner();
      await issue(issuer, p.registerNumber);
      await entryOf(p.registerNumber);
      const res = await api().get(`/api/v1/register/${p.registerNumber}`).expect(200);
      expect(queries(res)).toBeGreaterThanOrEqual(1);
      expect(queries(res)).toBeLessThanOrEqual(3);
    });

    it('should search by name with a fixed number of queries, however many match', async () => {
      const family = surname('Querycount');
      const one = await newPractitioner({ familyName: family });
      const single = await api().get('/api/v1/register').query({ q: family }).expect(200);
      expect(single.body.items).toHaveLength(1);
      for (let i = 0; i < 4; i++) await newPractitioner({ familyName: family });
      // Once to build any entry still due, then the same search again.
      await api().get('/api/v1/register').query({ q: family }).expect(200);
      const many = await api().get('/api/v1/register').query({ q: family }).expect(200);
      expect(many.body.items).toHaveLength(5);
      expect(queries(many)).toBeLessThanOrEqual(2);
      expect(queries(many)).toBe(queries(await api().get('/api/v1/register').query({ q: family })));
      expect(one.registerNumber).toBeTruthy();
    });

    it('should find an exact register number or GMC number through one index read', async () => {
      const gmc = String(3_000_000 + Math.floor(Math.random() * 999_999));
      const p = await newPractitioner();
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ registrations: [{ body: 'GMC', number: gmc }] })
        .expect(200);
      const byNumber = await api()
        .get('/api/v1/register')
        .query({ q: p.registerNumber })
        .expect(200);
      expect(byNumber.body.items).toEqual([
        expect.objectContaining({ registerNumber: p.registerNumber, matchedOn: 'register-number' }),
      ]);
      expect(queries(byNumber)).toBeLessThanOrEqual(2);
      const byGmc = await api()
        .get('/api/v1/register')
        .query({ q: `GMC ${gmc}` })
        .expect(200);
      expect(byGmc.body.items).toEqual([
        expect.objectContaining({
          registerNumber: p.registerNumber,
          matchedOn: 'professional-registration',
        }),
      ]);
      expect(queries(byGmc)).toBeLessThanOrEqual(2);
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ visibility: { professionalRegistrations: false } })
        .expect(200);
      expect(
        (
          await api()
            .get('/api/v1/register')
            .query({ q: `GMC ${gmc}` })
            .expect(200)
        ).body.items,
      ).toEqual([]);
    });
  });

  describe('totals and paging', () => {
    it('should count up to 100, say so, and page on with a cursor to 1,000 deep', async () => {
      const family = surname('Multitude');
      // 1,005 people loaded straight into the tables, as a bulk load would: the database gives
      // each a search row and an entry due for building.
      await db().query(
        `WITH p AS (
           INSERT INTO practitioners (register_number, given_name, family_name, date_of_birth, email)
           SELECT s.n, 'Pat', $1::text, '1980-01-01', $1::text || s.g || '@example.test'
             FROM (SELECT g, 'DL' || lpad((90000000 + g)::text, 8, '0') AS n FROM generate_series(1, 1500) g) s
            WHERE NOT EXISTS (SELECT 1 FROM practitioners x WHERE x.register_number = s.n) -- the app's own numbers are random
            ORDER BY s.g LIMIT 1005 RETURNING id)
         INSERT INTO practitioner_status_changes (practitioner_id, to_status, reason)
         SELECT id, 'registered', 'Loaded' FROM p`,
        [family],
      );
      const first = await api()
        .get('/api/v1/register')
        .query({ q: family, pageSize: 50 })
        .expect(200);
      expect(first.body).toMatchObject({
        total: 100,
        totalIsLowerBound: true,
        page: 1,
        pageSize: 50,
      });
      expect(first.body.items).toHaveLength(50);
      expect(typeof first.body.next).toBe('string');
      const second = await api()
        .get('/api/v1/register')
        .query({ q: family, pageSize: 50, cursor: first.body.next as string })
        .expect(200);
      expect(second.body.items).toHaveLength(50);
      expect(second.body.page).toBe(2);
      const seen = new Set(
        [...first.body.items, ...second.body.items].map(
          (i: { registerNumber: string }) => i.registerNumber,
        ),
      );
      expect(seen.size).toBe(100);
      const byPage = await api()
        .get('/api/v1/register')
        .query({ q: family, pageSize: 50, page: 2 })
        .expect(200);
      expect(byPage.body.items).toEqual(second.body.items);
      const last = await api()
        .get('/api/v1/register')
        .query({ q: family, pageSize: 50, page: 20 })
        .expect(200);
      expect(last.body.next).toBeNull();
      await api()
        .get('/api/v1/register')
        .query({ q: family, cursor: 'bm90LWEtY3Vyc29y' })
        .expect(400);
    });

    it('should list the holders of a role in register number order, a cursor at a time', async () => {
      const registrar = await asRegistrar();
      const code = `L${randomBytes(3).toString('hex').toUpperCase()}`;
      await api()
        .post('/api/v1/roles')
        .set(bearer(registrar))
        .send({
          code,
          title: 'Chief Listing Officer',
          clinical: false,
          requirements: {
            credentials: [],
            professionalRegistration: false,
            cpdHoursPerYear: 0,
            graceDays: 0,
          },
        })
        .expect(201);
      const holders = await Promise.all([newPractitioner(), newPractitioner(), newPractitioner()]);
      for (const p of holders) {
        await api()
          .patch('/api/v1/practitioners/me')
          .set(bearer(p.token))
          .send({
            appointments: [{ roleCode: code, organisation: 'Testshire', startDate: '2021-01-01' }],
          })
          .expect(200);
      }
      // One hides their appointments: a role filter must not reveal what they hide.
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(holders[2].token))
        .send({ visibility: { appointments: false } })
        .expect(200);
      const shown = holders
        .slice(0, 2)
        .map((p) => p.registerNumber)
        .sort();
      const first = await api()
        .get('/api/v1/register')
        .query({ role: code, pageSize: 1 })
        .expect(200);
      expect(first.body).toMatchObject({ total: 2, totalIsLowerBound: false });
      expect(first.body.items).toEqual([
        expect.objectContaining({
          registerNumber: shown[0],
          matchedOn: 'role',
          currentRoles: [code],
        }),
      ]);
      const second = await api()
        .get('/api/v1/register')
        .query({ role: code, pageSize: 1, cursor: first.body.next as string })
        .expect(200);
      expect(second.body.items).toEqual([expect.objectContaining({ registerNumber: shown[1] })]);
      expect(queries(second)).toBeLessThanOrEqual(3);
    });

    it('should give an exact total and no cursor when everything fits on one page', async () => {
      const family = surname('Fewfolk');
      await newPractitioner({ familyName: family });
      const res = await api().get('/api/v1/register').query({ q: family }).expect(200);
      expect(res.body).toMatchObject({ total: 1, totalIsLowerBound: false, next: null });
    });
  });
});
