import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  api,
  asRegistrar,
  auditSettled,
  baseUrl,
  bearer,
  closeDb,
  count,
  db,
} from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  type TestIssuer,
} from '../support/factories.js';

/** Parsed JSON, as tests read it. */
type Json = ReturnType<typeof JSON.parse>;

const host = () => new URL(baseUrl()).port;
const registryDid = () => `did:web:localhost%3A${host()}`;

async function issueTo(issuer: TestIssuer): Promise<string> {
  const holder = await newPractitioner();
  const res = await api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', idempotencyKey())
    .send({
      registerNumber: holder.registerNumber,
      kind: 'certificate',
      title: 'PGCert Digital Leadership',
      awardedOn: '2023-03-01',
    })
    .expect(201);
  const id = res.body.id as string;
  // See trust-credentials: a no-op once issuing allocates status list entries itself.
  const { rows } = await db().query(`SELECT status_list_id FROM credentials WHERE id = $1`, [id]);
  if (!rows[0]?.status_list_id) {
    const pair = randomUUID();
    await db().query(
      `INSERT INTO status_lists (id, purpose, owner_type, owner_id, pair_id, size, allocated, permutation_key)
       VALUES ($1, 'revocation', 'issuer', $2, $1, 131072, 1, $3), (gen_random_uuid(), 'suspension', 'issuer', $2, $1, 131072, 0, NULL)`,
      [pair, issuer.id, randomBytes(32).toString('hex')],
    );
    await db().query(
      `UPDATE credentials SET status_list_id = $1, status_list_index = $2 WHERE id = $3`,
      [pair, randomInt(131072), id],
    );
  }
  return id;
}

const jwtOf = async (id: string) =>
  (
    await api()
      .get(`/api/v1/credentials/${id}/vc`)
      .set(bearer(await asRegistrar()))
      .set('accept', 'application/vc+jwt')
      .expect(200)
  ).text;

describe('Trust: keys, JWKS and did:web', () => {
  afterAll(closeDb);

  it('should publish the registry key in the JWKS and the did:web document, never a private part', async () => {
    const jwks = await api().get('/.well-known/jwks.json').expect(200);
    const registryKeys = (jwks.body.keys as Json[]).filter((k) => k.owner === registryDid());
    expect(registryKeys.length).toBeGreaterThan(0);
    for (const key of jwks.body.keys as Json[]) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(key.d).toBeUndefined();
    }
    const did = await api().get('/.well-known/did.json').expect(200);
    expect(did.body.id).toBe(registryDid());
    expect(did.body.assertionMethod).toEqual(
      expect.arrayContaining(registryKeys.map((k) => `${registryDid()}#${k.kid}`)),
    );
    const { rows } = await db().query(
      `SELECT encrypted_private_key AS e FROM signing_keys LIMIT 1`,
    );
    expect(rows[0].e).toMatch(/^v1\./);
    expect(JSON.stringify(jwks.body)).not.toContain(rows[0].e);
  });

  it("should serve a recognised body's did:web document, and 404 for an id that is no body", async () => {
    const issuer = await newIssuer();
    const did = await api().get(`/issuers/${issuer.id}/did.json`).expect(200);
    expect(did.body.id).toBe(`${registryDid()}:issuers:${issuer.id}`);
    expect(did.body.verificationMethod[0]).toMatchObject({
      type: 'Multikey',
      controller: did.body.id,
    });
    const missing = await api().get(`/issuers/${randomUUID()}/did.json`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('TRUST.DID_NOT_FOUND');
  });

  it('should rotate a key so that what the old key signed still verifies, and sign anew with the new one', async () => {
    const issuer = await newIssuer();
    const before = await jwtOf(await issueTo(issuer));
    const rotated = await api()
      .post('/api/v1/trust/keys/rotate')
      .set(bearer(await asRegistrar()))
      .send({ owner: issuer.id })
      .expect(200);
    expect(rotated.body.owner).toBe(`${registryDid()}:issuers:${issuer.id}`);

    const jwks = createRemoteJWKSet(new URL(`${baseUrl()}/.well-known/jwks.json`));
    const old = await jwtVerify(before, jwks, { typ: 'vc+jwt' });
    expect(old.protectedHeader.kid).not.toBe(rotated.body.kid);
    const verified = await api().post('/api/v1/vc/verify').send({ credential: before }).expect(200);
    expect(verified.body.verified).toBe(true);

    const after = await jwtOf(await issueTo(issuer));
    expect((await jwtVerify(after, jwks, { typ: 'vc+jwt' })).protectedHeader.kid).toBe(
      rotated.body.kid,
    );
    const keys = (await api().get('/.well-known/jwks.json').expect(200)).body.keys as Json[];
    const mine = keys.filter((k) => k.owner === rotated.body.owner);
    expect(mine).toHaveLength(2);
    expect(mine.find((k) => k.kid === old.protectedHeader.kid)?.retiredAt).not.toBeNull();
    await auditSettled();
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE action = 'trust.key-rotated' AND data->>'kid' = $1`,
        [rotated.body.kid],
      ),
    ).toBe(1);
  });

  it('should rotate the registry key on demand and keep publishing the old one', async () => {
    const before = (await api().get('/.well-known/did.json').expect(200)).body.verificationMethod
      .length as number;
    await api()
      .post('/api/v1/trust/keys/rotate')
      .set(bearer(await asRegistrar()))
      .send({ owner: 'registry' })
      .expect(200);
    const after = await api().get('/.well-known/did.json').expect(200);
    expect(after.body.verificationMethod).toHaveLength(before + 1);
  });

  it('should refuse rotation to anyone but the registrar, and change nothing', async () => {
    const issuer = await newIssuer();
    const keysBefore = await count(`SELECT 1 FROM signing_keys`);
    expect(
      (
        await api()
          .post('/api/v1/trust/keys/rotate')
          .set(bearer(issuer.token))
          .send({ owner: issuer.id })
      ).status,
    ).toBe(403);
    expect((await api().post('/api/v1/trust/keys/rotate').send({ owner: 'registry' })).status).toBe(
      401,
    );
    expect(await count(`SELECT 1 FROM signing_keys`)).toBe(keysBefore);
    const unknown = await api()
      .post('/api/v1/trust/keys/rotate')
      .set(bearer(await asRegistrar()))
      .send({ owner: randomUUID() });
    expect(unknown.status).toBe(404);
    const bad = await api()
      .post('/api/v1/trust/keys/rotate')
      .set(bearer(await asRegistrar()))
      .send({ owner: 'everyone' });
    expect(bad.status).toBe(400);
  });
});
