import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { api, asRegistrar, bearer, closeDb, db } from '../support/app.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';
import { newEmployer, newPractitioner } from '../support/factories.js';

const DOB = '1978-02-14';

async function newCode(
  token: string,
  body: Record<string, unknown> = { purpose: 'CIO appointment checks', expiresInDays: 30 },
) {
  return (await api().post('/api/v1/share-codes').set(bearer(token)).send(body).expect(201))
    .body as { code: string; id: string; expiresAt: string };
}

const redeem = (code: string, dateOfBirth: string, token?: string) => {
  const req = api().post('/api/v1/share-codes/redeem');
  if (token) void req.set(bearer(token));
  return req.send({ code, dateOfBirth });
};

const strip = (body: Record<string, unknown>) => ({ ...body, correlationId: undefined });

describe('Share codes', () => {
  afterAll(closeDb);

  it('should create a 9-character grouped code, store only its hash and open the full record', async () => {
    const p = await newPractitioner({ dateOfBirth: DOB });
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ formerNames: ['Alex Private'], visibility: { formerNames: false } })
      .expect(200);
    const created = await newCode(p.token);
    expect(created.code).toMatch(
      /^[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}$/,
    );
    const { rows } = await db().query(`SELECT code_hash, hint FROM share_codes WHERE id = $1`, [
      created.id,
    ]);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(created.code.replace(/-/g, ''));

    const employer = await newEmployer();
    const record = (
      await redeem(created.code.toLowerCase().replace(/-/g, ' '), DOB, employer.token).expect(200)
    ).body;
    expect(record).toMatchObject({
      registerNumber: p.registerNumber,
      purpose: 'CIO appointment checks',
      formerNames: ['Alex Private'],
      claims: [],
      allCredentials: [],
    });
    expect(JSON.stringify(record)).not.toContain(DOB);
    expect(JSON.stringify(record)).not.toContain(p.email);

    const list = (await api().get('/api/v1/share-codes').set(bearer(p.token)).expect(200)).body;
    expect(list.items).toEqual([
      expect.objectContaining({
        id: created.id,
        state: 'active',
        uses: [
          expect.objectContaining({ organisation: expect.stringMatching(/Testshire NHS Trust/) }),
        ],
      }),
    ]);
    const checks = (
      await api().get('/api/v1/practitioners/me/checks').set(bearer(p.token)).expect(200)
    ).body;
    expect(checks.items).toEqual([
      expect.objectContaining({ type: 'share-code-use', purpose: 'CIO appointment checks' }),
    ]);
  });

  it('should answer a wrong code, wrong date, cancelled and expired code with the same 404', async () => {
    const p = await newPractitioner({ dateOfBirth: DOB });
    const wrongDate = await redeem((await newCode(p.token)).code, '1978-02-15').expect(404);
    const unknownCode = await redeem('ACD-EFG-HJK', DOB).expect(404);
    const malformed = await redeem('not a code', DOB).expect(404);
    const cancelled = await newCode(p.token);
    await api().delete(`/api/v1/share-codes/${cancelled.code}`).set(bearer(p.token)).expect(204);
    const cancelledRes = await redeem(cancelled.code, DOB).expect(404);
    const expired = await newCode(p.token);
    await db().query(
      `UPDATE share_codes SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expired.id],
    );
    const expiredRes = await redeem(expired.code, DOB).expect(404);
    const bodies = [wrongDate, unknownCode, malformed, cancelledRes, expiredRes].map((r) =>
      strip(r.body),
    );
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ status: 404, code: 'SHARE_CODE.NOT_FOUND' });
  });

  it('should lock a code after repeated wrong dates, even for the right date afterwards', async () => {
    const p = await newPractitioner({ dateOfBirth: DOB });
    const created = await newCode(p.token);
    for (let i = 0; i < 5; i++) await redeem(created.code, `1990-01-0${i + 1}`).expect(404);
    await redeem(created.code, DOB).expect(404);
    const list = (await api().get('/api/v1/share-codes').set(bearer(p.token)).expect(200)).body;
    expect(list.items[0]).toMatchObject({ id: created.id, state: 'locked', uses: [] });
  });

  it('should refuse more than 90 days, other people cancelling, and non-practitioners', async () => {
    const p = await newPractitioner();
    const tooLong = await api()
      .post('/api/v1/share-codes')
      .set(bearer(p.token))
      .send({ purpose: 'x', expiresInDays: 91 })
      .expect(400);
    expect(tooLong.body.errors[0].field).toBe('expiresInDays');
    const created = await newCode(p.token);
    const other = await newPractitioner();
    await api().delete(`/api/v1/share-codes/${created.code}`).set(bearer(other.token)).expect(404);
    const employer = await newEmployer();
    await api()
      .post('/api/v1/share-codes')
      .set(bearer(employer.token))
      .send({ purpose: 'x', expiresInDays: 5 })
      .expect(403);
    await api().get('/api/v1/share-codes').expect(401);
    expect(
      (await api().get('/api/v1/share-codes').set(bearer(p.token)).expect(200)).body.items[0].state,
    ).toBe('active');
  });

  describe('hash keys', () => {
    let other: Instance | undefined;
    afterAll(() => stopInstance(other));

    it('should keep live codes working across a key rotation and hash new codes with the new key', async () => {
      const p = await newPractitioner({ dateOfBirth: DOB });
      const before = await newCode(p.token);
      const rotated = (
        await api()
          .post('/api/v1/share-codes/keys/rotate')
          .set(bearer(await asRegistrar()))
          .expect(200)
      ).body as { keyId: string };
      const after = await newCode(p.token);
      const keyOf = async (id: string) =>
        (await db().query(`SELECT key_id FROM share_codes WHERE id = $1`, [id])).rows[0]
          ?.key_id as string;
      expect(await keyOf(after.id)).toBe(rotated.keyId);
      expect(await keyOf(before.id)).not.toBe(rotated.keyId);
      await redeem(before.code, DOB).expect(200);
      await redeem(after.code, DOB).expect(200);
      // The keys are sealed under the KEK: the table holds no usable key.
      const { rows } = await db().query(`SELECT key_sealed FROM share_code_keys WHERE id = $1`, [
        rotated.keyId,
      ]);
      expect(rows[0]?.key_sealed).toMatch(/^v1\./);
      const practitioner = await api().post('/api/v1/share-codes/keys/rotate').set(bearer(p.token));
      expect(practitioner.status).toBe(403);
    });

    it('should keep codes working on an instance with another JWT_SECRET', async () => {
      const p = await newPractitioner({ dateOfBirth: DOB });
      const created = await newCode(p.token);
      other = await startInstance({ JWT_SECRET: randomBytes(32).toString('hex') });
      const res = await request(other.url)
        .post('/api/v1/share-codes/redeem')
        .send({ code: created.code, dateOfBirth: DOB });
      expect(res.status).toBe(200);
      // The old token is void there (it was signed with the other secret): the secrets are apart.
      const me = await request(other.url).get('/api/v1/me').set(bearer(p.token));
      expect(me.status).toBe(401);
    });
  });
});
