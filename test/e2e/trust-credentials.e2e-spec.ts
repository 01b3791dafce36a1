import { jest } from '@jest/globals';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { verifyCredential } from '@digitalcredentials/verifier-core';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { STATIC_CONTEXTS } from '../../src/modules/trust/document-loader.js';
import { api, asRegistrar, baseUrl, bearer, closeDb, db } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  type TestIssuer,
  type TestPractitioner,
} from '../support/factories.js';

/** Parsed JSON, as tests read it. */
type Json = ReturnType<typeof JSON.parse>;
type Log = { id: string; valid?: boolean }[];

const degree = (registerNumber: string) => ({
  registerNumber,
  kind: 'degree',
  title: 'MSc Digital Health Leadership',
  subject: 'Digital Health Leadership',
  level: 7,
  result: 'Merit',
  awardedOn: '2022-07-01',
  validUntil: '2032-06-30',
});

async function issue(issuer: TestIssuer, holder: TestPractitioner): Promise<string> {
  const res = await api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', idempotencyKey())
    .send(degree(holder.registerNumber))
    .expect(201);
  const id = res.body.id as string;
  await ensureStatusEntry(id, issuer.id);
  return id;
}

/**
 * Issuing calls StatusListsService.allocateMany in its transaction once the credentials module is
 * wired to it; until then this gives the credential a slot in a status list pair of its issuer,
 * the way allocateMany would. A no-op as soon as issuing allocates.
 */
async function ensureStatusEntry(credentialId: string, issuerId: string): Promise<void> {
  const { rows } = await db().query(`SELECT status_list_id FROM credentials WHERE id = $1`, [
    credentialId,
  ]);
  if (rows[0]?.status_list_id) return;
  const pair = randomUUID();
  await db().query(
    `INSERT INTO status_lists (id, purpose, owner_type, owner_id, pair_id, size, allocated, permutation_key)
     VALUES ($1, 'revocation', 'issuer', $2, $1, 131072, 1, $3), (gen_random_uuid(), 'suspension', 'issuer', $2, $1, 131072, 0, NULL)`,
    [pair, issuerId, randomBytes(32).toString('hex')],
  );
  await db().query(
    `UPDATE credentials SET status_list_id = $1, status_list_index = $2 WHERE id = $3`,
    [pair, randomInt(131072), credentialId],
  );
}

const vcOf = (id: string, token: string, accept?: string) => {
  const req = api().get(`/api/v1/credentials/${id}/vc`).set(bearer(token));
  return accept ? req.set('accept', accept) : req;
};

/** The app's public URL (PUBLIC_URL default http://localhost:<port>) served from the test app. */
const publicOrigin = () => baseUrl().replace('127.0.0.1', 'localhost');

/**
 * verifier-core takes no document loader: a stubbed fetch plays the web, serving our did:web
 * documents and status lists from the running app (did:web resolves to https://) and the
 * bundled JSON-LD contexts; anything else is a 404.
 */
function stubFetch(): { restore: () => void; requested: string[] } {
  const original = globalThis.fetch;
  const requested: string[] = [];
  const origin = new URL(publicOrigin());
  globalThis.fetch = jest.fn<typeof fetch>(async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    requested.push(url.href);
    const context = STATIC_CONTEXTS.get(url.href);
    if (context) return json(context);
    if (url.host === origin.host) {
      const res = await original(`${baseUrl()}${url.pathname}`, {
        headers: { accept: 'application/ld+json' },
        method: init?.method,
      });
      return new Response(await res.text(), {
        status: res.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response('not found', { status: 404 });
  });
  return { restore: () => (globalThis.fetch = original), requested };
}

const json = (body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    }),
  );

const logOf = (result: unknown): Log => (result as { log?: Log }).log ?? [];
const step = (result: unknown, id: string) => logOf(result).find((s) => s.id === id);

describe('Trust: credentials as verifiable credentials', () => {
  let issuer: TestIssuer;
  let holder: TestPractitioner;

  beforeAll(async () => {
    [issuer, holder] = await Promise.all([newIssuer(), newPractitioner()]);
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await closeDb();
  });

  it('should give a VC-JWT that jose verifies against the served JWKS, and see its revocation', async () => {
    const id = await issue(issuer, holder);
    const res = await vcOf(id, holder.token, 'application/vc+jwt').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    const jwks = createRemoteJWKSet(new URL(`${baseUrl()}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(res.text, jwks, {
      typ: 'vc+jwt',
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader.typ).toBe('vc+jwt');
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect((payload.issuer as Json).id).toBe(
      `did:web:${encodeURIComponent(new URL(publicOrigin()).host)}:issuers:${issuer.id}`,
    );

    const revocationBit = async (): Promise<boolean> => {
      const entries: Json[] = payload.credentialStatus as Json[];
      const entry: Json = entries.find((s) => s.statusPurpose === 'revocation');
      const listUrl = new URL(entry.statusListCredential as string);
      const list = await api()
        .get(listUrl.pathname)
        .set('accept', 'application/vc+jwt')
        .expect(200);
      const verified = await jwtVerify(list.text, jwks, { typ: 'vc+jwt', algorithms: ['EdDSA'] });
      expect((verified.payload.issuer as string) ?? '').toBe((payload.issuer as Json).id);
      const bits = await decodeList({
        encodedList: (verified.payload.credentialSubject as Json).encodedList,
      });
      return bits.getStatus(Number(entry.statusListIndex));
    };
    expect(await revocationBit()).toBe(false);
    await api()
      .post(`/api/v1/credentials/${id}/revoke`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'awarded in error' })
      .expect(200);
    expect(await revocationBit()).toBe(true);
  });

  it('should give a Data Integrity credential that verifier-core accepts, and then reports revoked', async () => {
    const id = await issue(issuer, holder);
    const res = await vcOf(id, holder.token).expect(200);
    const credential = JSON.parse(res.text);
    expect(credential.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
    });
    expect(credential.credentialSubject.achievement).toMatchObject({
      achievementType: 'MasterDegree',
      fieldOfStudy: 'Digital Health Leadership',
    });

    const fetchStub = stubFetch();
    try {
      const before = await verifyCredential({
        credential: credential as never,
        knownDIDRegistries: [],
      });
      expect((before as { errors?: unknown }).errors).toBeUndefined();
      expect(step(before, 'valid_signature')).toMatchObject({ valid: true });
      expect(step(before, 'revocation_status')).toMatchObject({ valid: true });
      expect(fetchStub.requested.some((u) => u.endsWith(`/issuers/${issuer.id}/did.json`))).toBe(
        true,
      );

      await api()
        .post(`/api/v1/credentials/${id}/revoke`)
        .set('x-api-key', issuer.apiKey)
        .send({ reason: 'misconduct' })
        .expect(200);
      const after = await verifyCredential({
        credential: credential as never,
        knownDIDRegistries: [],
      });
      expect(step(after, 'valid_signature')).toMatchObject({ valid: true });
      expect(step(after, 'revocation_status')).toMatchObject({ valid: false });
    } finally {
      fetchStub.restore();
    }
  });

  it('should keep the signed Data Integrity form and serve the same document again', async () => {
    const id = await issue(issuer, holder);
    const first = JSON.parse(
      (await vcOf(id, holder.token, 'application/ld+json').expect(200)).text,
    );
    const second = JSON.parse((await vcOf(id, holder.token, 'application/vc').expect(200)).text);
    expect(second.proof.proofValue).toBe(first.proof.proofValue);
    const { rows } = await db().query(
      `SELECT count(*)::int AS n FROM signed_credentials WHERE credential_id = $1`,
      [id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('should answer POST /vc/verify per check, in both forms, and follow status changes', async () => {
    const id = await issue(issuer, holder);
    const jwt = (await vcOf(id, holder.token, 'application/vc+jwt').expect(200)).text;
    const di = JSON.parse((await vcOf(id, holder.token).expect(200)).text);
    for (const credential of [jwt, di]) {
      const ok = await api().post('/api/v1/vc/verify').send({ credential }).expect(200);
      expect(ok.body.verified).toBe(true);
      expect(ok.body.checks.map((c: Json) => [c.check, c.result])).toEqual([
        ['format', 'pass'],
        ['signature', 'pass'],
        ['issuer', 'pass'],
        ['dates', 'pass'],
        ['revocation', 'pass'],
        ['suspension', 'pass'],
      ]);
    }
    await api()
      .post(`/api/v1/credentials/${id}/suspend`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'investigation' })
      .expect(200);
    const suspended = await api().post('/api/v1/vc/verify').send({ credential: jwt }).expect(200);
    expect(suspended.body.verified).toBe(false);
    expect(suspended.body.checks.find((c: Json) => c.check === 'suspension').result).toBe('fail');

    const forged = structuredClone(di);
    forged.credentialSubject.achievement.name = 'PhD Digital Health Leadership';
    const bad = await api().post('/api/v1/vc/verify').send({ credential: forged }).expect(200);
    expect(bad.body.verified).toBe(false);
    expect(bad.body.checks.find((c: Json) => c.check === 'signature').result).toBe('fail');
  });

  it('should refuse malformed input with a 400 problem', async () => {
    for (const credential of ['not a jwt', 42, null]) {
      const res = await api().post('/api/v1/vc/verify').send({ credential });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('should show a credential only to its holder, its issuer and the registrar', async () => {
    const id = await issue(issuer, holder);
    const [stranger, otherIssuer] = await Promise.all([newPractitioner(), newIssuer()]);
    await vcOf(id, issuer.token, 'application/vc+jwt').expect(200);
    await vcOf(id, await asRegistrar(), 'application/vc+jwt').expect(200);
    const refused = await vcOf(id, stranger.token);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('CREDENTIAL.NOT_FOUND');
    expect((await vcOf(id, otherIssuer.token)).status).toBe(404);
    expect((await api().get(`/api/v1/credentials/${id}/vc`)).status).toBe(401);
  });

  it('should serve status lists as signed documents and 404 an unknown list', async () => {
    const id = await issue(issuer, holder);
    const jwt = (await vcOf(id, holder.token, 'application/vc+jwt').expect(200)).text;
    const entry = (decodeJwt(jwt).credentialStatus as Json[])[1];
    expect(entry.statusPurpose).toBe('suspension');
    const path = new URL(entry.statusListCredential as string).pathname;
    const list = await api().get(path).expect(200);
    expect(list.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(list.text);
    expect(doc.type).toContain('BitstringStatusListCredential');
    expect(doc.credentialSubject.statusPurpose).toBe('suspension');
    expect(doc.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const again = JSON.parse((await api().get(path).expect(200)).text);
    expect(again.proof.proofValue).toBe(doc.proof.proofValue);
    const missing = await api().get('/api/v1/status-lists/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('TRUST.STATUS_LIST_NOT_FOUND');
  });
});
