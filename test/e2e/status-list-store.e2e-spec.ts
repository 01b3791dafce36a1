import { jest } from '@jest/globals';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { decodeJwt } from 'jose';
import type { Response } from 'supertest';
import { api, bearer, closeDb, db } from '../support/app.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  type TestIssuer,
  type TestPractitioner,
} from '../support/factories.js';

type Json = ReturnType<typeof JSON.parse>;

const queries = (res: Response) => Number(res.headers['x-db-queries']);

async function issue(issuer: TestIssuer, holder: TestPractitioner): Promise<string> {
  const res = await api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', idempotencyKey())
    .send({
      registerNumber: holder.registerNumber,
      kind: 'degree',
      title: 'MSc Digital Health Leadership',
      subject: 'Digital Health Leadership',
      level: 7,
      result: 'Merit',
      awardedOn: '2022-07-01',
      validUntil: '2032-06-30',
    })
    .expect(201);
  return res.body.id as string;
}

async function entryOf(id: string, holder: TestPractitioner, purpose: string): Promise<Json> {
  const res = await api()
    .get(`/api/v1/credentials/${id}/vc`)
    .set(bearer(holder.token))
    .set('accept', 'application/vc+jwt')
    .expect(200);
  const entries = decodeJwt(res.text).credentialStatus as Json[];
  return entries.find((e) => e.statusPurpose === purpose);
}

const pathOf = (entry: Json) => new URL(entry.statusListCredential as string).pathname;
const listIdOf = (entry: Json) => pathOf(entry).split('/').pop() as string;

async function bitOf(entry: Json, res: Response): Promise<boolean> {
  const doc = JSON.parse(res.text);
  const bits = await decodeList({ encodedList: doc.credentialSubject.encodedList });
  return bits.getStatus(Number(entry.statusListIndex));
}

async function storedRow(listId: string) {
  const { rows } = await db().query(
    `SELECT d.revision::text AS revision, d.signed_at, l.revision::text AS list_revision
       FROM status_list_documents d JOIN status_lists l ON l.id = d.list_id
      WHERE d.list_id = $1 AND d.form = 'data-integrity'`,
    [listId],
  );
  return rows[0] as { revision: string; signed_at: Date; list_revision: string } | undefined;
}

describe('Status lists: stored signed documents', () => {
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

  it('should serve an unchanged list from its stored document in one query, without re-signing', async () => {
    const id = await issue(issuer, holder);
    const entry = await entryOf(id, holder, 'revocation');
    const first = await api().get(pathOf(entry)).expect(200);
    const before = await storedRow(listIdOf(entry));
    expect(before?.revision).toBe(before?.list_revision);

    const again = await api().get(pathOf(entry)).expect(200);
    expect(queries(again)).toBe(1);
    expect(again.text).toBe(first.text);
    expect(again.headers.etag).toBe(first.headers.etag);
    const after = await storedRow(listIdOf(entry));
    expect(after?.signed_at.toISOString()).toBe(before?.signed_at.toISOString());

    const jwt = await api().get(pathOf(entry)).set('accept', 'application/vc+jwt').expect(200);
    const jwtAgain = await api().get(pathOf(entry)).set('accept', 'application/vc+jwt').expect(200);
    expect(queries(jwtAgain)).toBe(1);
    expect(jwtAgain.text).toBe(jwt.text);
  });

  it('should show a revocation on the very next fetch, and re-sign once for concurrent readers', async () => {
    const id = await issue(issuer, holder);
    const entry = await entryOf(id, holder, 'revocation');
    expect(await bitOf(entry, await api().get(pathOf(entry)).expect(200))).toBe(false);
    const before = await storedRow(listIdOf(entry));

    await api()
      .post(`/api/v1/credentials/${id}/revoke`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'awarded in error' })
      .expect(200);
    const moved = await storedRow(listIdOf(entry));
    expect(BigInt(moved!.list_revision)).toBeGreaterThan(BigInt(before!.revision));

    const readers = await Promise.all(
      Array.from({ length: 8 }, () => api().get(pathOf(entry)).expect(200)),
    );
    for (const res of readers) {
      expect(await bitOf(entry, res)).toBe(true);
      expect(res.text).toBe(readers[0].text);
    }
    const stored = await storedRow(listIdOf(entry));
    expect(stored?.revision).toBe(stored?.list_revision);
  });

  it('should follow suspend and reinstate on the suspension list', async () => {
    const id = await issue(issuer, holder);
    const entry = await entryOf(id, holder, 'suspension');
    expect(await bitOf(entry, await api().get(pathOf(entry)).expect(200))).toBe(false);
    await api()
      .post(`/api/v1/credentials/${id}/suspend`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'under review' })
      .expect(200);
    expect(await bitOf(entry, await api().get(pathOf(entry)).expect(200))).toBe(true);
    await api()
      .post(`/api/v1/credentials/${id}/reinstate`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'review closed' })
      .expect(200);
    expect(await bitOf(entry, await api().get(pathOf(entry)).expect(200))).toBe(false);
  });

  it('should bump a list once for a multi-row status write, whoever makes it', async () => {
    const ids = [await issue(issuer, holder), await issue(issuer, holder)];
    const entries = [
      await entryOf(ids[0], holder, 'revocation'),
      await entryOf(ids[1], holder, 'revocation'),
    ];
    // Same issuer, so the same list; fetch it once so a stored document exists.
    expect(listIdOf(entries[1])).toBe(listIdOf(entries[0]));
    await api().get(pathOf(entries[0])).expect(200);
    const before = await storedRow(listIdOf(entries[0]));

    // A bulk path writes statuses in one statement, bypassing the single-credential service.
    await db().query(`UPDATE credentials SET status = 'revoked' WHERE id = ANY($1::uuid[])`, [ids]);
    const after = await storedRow(listIdOf(entries[0]));
    expect(BigInt(after!.list_revision)).toBe(BigInt(before!.list_revision) + 1n);

    const res = await api().get(pathOf(entries[0])).expect(200);
    expect(await bitOf(entries[0], res)).toBe(true);
    expect(await bitOf(entries[1], res)).toBe(true);
  });
});
