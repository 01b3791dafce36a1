import { generateKeyPairSync } from 'node:crypto';
import { entryBody, type PublishedAuditEntry } from '../../src/modules/audit/audit-entry-row.js';
import { verifyAuditLog, type AuditLogSource } from '../../src/modules/audit/audit-log-verifier.js';
import { formatCheckpoint, signCheckpoint } from '../../src/modules/audit/checkpoint.js';
import { canonicalEntry, leafHash } from '../../src/modules/audit/merkle.js';
import {
  checkConsistency,
  checkInclusion,
  entryLeafHash,
  openCheckpoint,
} from '../../scripts/minimal-proof-check.js';
import { api, asRegistrar, auditSettled, baseUrl, bearer, closeDb, db } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';

/** Parsed JSON, as tests read it. */
type Json = ReturnType<typeof JSON.parse>;

const checker = { checkConsistency };
/** An entry as its leaf covers it: everything it publishes but the leaf hash itself. */
const withoutHash = (e: object) =>
  Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'hash'));
const hexes = (list: string[]) => list.map((h) => Buffer.from(h, 'hex'));

async function allEntries(): Promise<PublishedAuditEntry[]> {
  const out: PublishedAuditEntry[] = [];
  let from = 1;
  for (;;) {
    const res = await api()
      .get(`/api/v1/audit/entries?from=${from}&to=${from + 999}`)
      .expect(200);
    out.push(...(res.body.items as PublishedAuditEntry[]));
    if (!res.body.next) return out;
    from = res.body.next as number;
  }
}

async function registryKeys(): Promise<Buffer[]> {
  const registry = `did:web:localhost%3A${new URL(baseUrl()).port}`;
  const res = await api().get('/.well-known/jwks.json').expect(200);
  return (res.body.keys as Json[])
    .filter((k) => k.owner === registry)
    .map((k) => Buffer.from(k.x as string, 'base64url'));
}

/** The verifier run against a copy of the log: tampering never touches the shared database. */
function source(
  entries: PublishedAuditEntry[],
  notes: string[],
  keys: Uint8Array[],
): AuditLogSource {
  return {
    entries: (from, limit) => {
      const start = entries.findIndex((e) => e.seq >= from);
      return Promise.resolve(start === -1 ? [] : entries.slice(start, start + limit));
    },
    checkpoints: () => Promise.resolve(notes),
    registryKeys: () => Promise.resolve(keys),
  };
}

const checkpoint = async (): Promise<Json> =>
  (
    await api()
      .post('/api/v1/audit/checkpoints')
      .set(bearer(await asRegistrar()))
      .expect(200)
  ).body;

const origin = () => `localhost:${new URL(baseUrl()).port}/audit`;

describe('The audit log as a Merkle transparency log', () => {
  let entries: PublishedAuditEntry[];
  let notes: string[];
  let keys: Buffer[];

  beforeAll(async () => {
    await newPractitioner();
    const first = await checkpoint();
    await Promise.all([newPractitioner(), newPractitioner()]);
    const second = await checkpoint();
    expect(second.size).toBeGreaterThan(first.size);
    notes = [first.note as string, second.note as string];
    entries = (await allEntries()).filter((e) => e.seq <= (second.size as number));
    keys = await registryKeys();
  });
  afterAll(closeDb);

  it('should publish entries by seq with ids only, at most 1000 at a time', async () => {
    const res = await api().get('/api/v1/audit/entries?from=1&to=5000').expect(200);
    expect(res.body.to).toBe(1000);
    const page = await api().get('/api/v1/audit/entries?from=2&to=3').expect(200);
    expect(page.body.items.map((e: Json) => e.seq)).toEqual([2, 3]);
    expect(page.body.items[0].correlationId).toBeUndefined();
    const text = JSON.stringify((await api().get('/api/v1/audit/entries').expect(200)).body);
    expect(text).not.toMatch(/@example\.test/);
    expect((await api().get('/api/v1/audit/entries?from=0')).status).toBe(400);
    expect((await api().get('/api/v1/audit/entries?from=5&to=2')).status).toBe(400);
    // Integers past 2^53 (a fuzzer found 1.79e308) are refused, not passed to a bigint column.
    for (const huge of [
      'from=1.7976931348623153e%2B308',
      'from=1&to=1e300',
      'from=9007199254740993',
    ]) {
      const res = await api().get(`/api/v1/audit/entries?${huge}`);
      expect([huge, res.status]).toEqual([huge, 400]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('should serve the latest checkpoint as a signed C2SP note by a registry key', async () => {
    for (const path of ['/api/v1/audit/checkpoint', '/api/v1/audit/checkpoints/latest']) {
      const res = await api().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text.startsWith(`${origin()}\n`)).toBe(true);
      expect(keys.some((k) => openCheckpoint(res.text, origin(), k) !== null)).toBe(true);
    }
  });

  it('should let only the registrar ask for a checkpoint', async () => {
    const p = await newPractitioner();
    expect((await api().post('/api/v1/audit/checkpoints').set(bearer(p.token))).status).toBe(403);
    expect((await api().post('/api/v1/audit/checkpoints')).status).toBe(401);
  });

  it('should hash each entry to its leaf as SHA-256(0x00 || RFC 8785 entry)', () => {
    for (const e of entries) {
      expect(entryLeafHash(withoutHash(e)).toString('hex')).toBe(e.hash);
    }
  });

  it('should give inclusion proofs that a separate checker accepts against the signed root', async () => {
    const cp = keys.map((k) => openCheckpoint(notes[1], origin(), k)).find(Boolean);
    expect(cp).toBeTruthy();
    const { size, root } = cp as { size: number; root: Buffer };
    // Every entry when the log is small; after a whole test run it holds tens of thousands, so
    // then 64 spread evenly from the first to the last (a request each).
    const step = Math.max(1, (entries.length - 1) / 63);
    const sample = [
      ...new Set(
        Array.from({ length: Math.min(entries.length, 64) }, (_, i) => Math.round(i * step)),
      ),
    ].map((i) => entries[i]);
    expect(sample.at(-1)).toBe(entries.at(-1));
    for (const e of sample) {
      const res = await api()
        .get(`/api/v1/audit/proofs/inclusion?index=${e.seq - 1}&size=${size}`)
        .expect(200);
      expect(res.body).toMatchObject({ index: e.seq - 1, size, rootHash: root.toString('hex') });
      const body = withoutHash(e);
      const proof = hexes(res.body.proof as string[]);
      expect(checkInclusion(e.seq - 1, size, entryLeafHash(body), proof, root)).toBe(true);
      const other = entryLeafHash({ ...body, action: 'forged' });
      expect(checkInclusion(e.seq - 1, size, other, proof, root)).toBe(false);
    }
  });

  it('should give a consistency proof between the two checkpoints that the separate checker accepts', async () => {
    const [a, b] = notes.map((n) => keys.map((k) => openCheckpoint(n, origin(), k)).find(Boolean));
    if (!a || !b) throw new Error('unsigned checkpoint');
    const res = await api()
      .get(`/api/v1/audit/proofs/consistency?from=${a.size}&to=${b.size}`)
      .expect(200);
    expect(res.body).toMatchObject({ from: a.size, to: b.size });
    const proof = hexes(res.body.proof as string[]);
    expect(checkConsistency(a.size, b.size, a.root, b.root, proof)).toBe(true);
    expect(checkConsistency(a.size, b.size, Buffer.alloc(32), b.root, proof)).toBe(false);
  });

  it('should answer bad or out-of-range proof requests with 400 problem+json', async () => {
    const size = entries.length;
    for (const query of [
      `inclusion?index=${size}&size=${size}`,
      `inclusion?index=0&size=${size + 1_000_000}`,
      'inclusion?index=-1&size=1',
      'inclusion?index=x&size=1',
      'inclusion?size=1',
      `consistency?from=2&to=1`,
      `consistency?from=1&to=${size + 1_000_000}`,
      'consistency?from=0&to=1',
      'consistency?to=1',
      'consistency?from=1&to=1e300',
      'inclusion?index=0&size=1e300',
    ]) {
      const res = await api().get(`/api/v1/audit/proofs/${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('should serve hash tiles and entry bundles as C2SP tlog-tiles', async () => {
    const latest = await api().get('/api/v1/audit/checkpoint').expect(200);
    const size = Number(latest.text.split('\n')[1]);
    const all = await allEntries();
    const width = Math.min(size, 255);
    const expected = Buffer.concat(
      all.slice(0, width).map((e) => Buffer.from(e.hash ?? '', 'hex')),
    );
    expect(await bytes(`/api/v1/audit/tile/0/000.p/${width}`)).toEqual(expected);
    expect(await bytes(`/api/v1/audit/tile/0/0.p/${width}`)).toEqual(expected);
    const bundle = await bytes(`/api/v1/audit/tile/entries/000.p/${width}`);
    const bodies: Buffer[] = [];
    for (let at = 0; at < bundle.length;) {
      const length = bundle.readUInt16BE(at);
      bodies.push(bundle.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
    expect(bodies.map((b) => leafHash(b).toString('hex'))).toEqual(
      all.slice(0, width).map((e) => e.hash),
    );
    // Other specs append while this one runs, so "not yet in the tree" is asked far beyond it.
    expect((await api().get('/api/v1/audit/tile/0/x999/999')).status).toBe(404);
    expect((await api().get('/api/v1/audit/tile/0/x999/999.p/1')).status).toBe(404);
    expect((await api().get('/api/v1/audit/tile/entries/x999/999.p/1')).status).toBe(404);
    expect((await api().get('/api/v1/audit/tile/2/000')).status).toBe(404);
    expect((await api().get('/api/v1/audit/tile/0/00x')).status).toBe(404);
  });

  it('should show how far the log lags in /health/ready', async () => {
    await auditSettled();
    const res = await api().get('/health/ready').expect(200);
    expect(res.body.auditLog).toMatchObject({ pending: 0, oldestPendingSeconds: 0 });
    expect(res.body.auditLog.treeSize).toBeGreaterThanOrEqual(entries.length);
    expect(res.body.auditLog.secondsSinceCheckpoint).toBeGreaterThanOrEqual(0);
    expect(res.body.auditLog.sequencer.holder).toBe(res.body.auditLog.sequencer.thisInstance);
  });

  it('should pass the untouched log and its checkpoints', async () => {
    const result = await verifyAuditLog(source(entries, notes, keys), checker);
    expect(result).toMatchObject({
      ok: true,
      entries: entries.length,
      checkpoints: 2,
      problems: [],
    });
  });

  it('should name an edited entry', async () => {
    const copy = structuredClone(entries);
    copy[2].data = { ...copy[2].data, role: 'registrar' };
    const result = await verifyAuditLog(source(copy, notes, keys), checker);
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBe(copy[2].seq);
    expect(result.problems[0]).toMatch(/edited/);
  });

  it('should name the entry after a deleted one, and catch a deleted tail against a checkpoint', async () => {
    const gap = entries.filter((_, i) => i !== 3);
    const middle = await verifyAuditLog(source(gap, notes, keys), checker);
    expect(middle.firstBrokenSeq).toBe(entries[4].seq);
    expect(middle.problems[0]).toMatch(/missing/);
    const tail = await verifyAuditLog(source(entries.slice(0, -1), notes, keys), checker);
    expect(tail.ok).toBe(false);
    expect(tail.problems.join()).toMatch(/deleted/);
  });

  it('should catch a reordered pair', async () => {
    const copy = structuredClone(entries);
    [copy[4], copy[5]] = [copy[5], copy[4]];
    const result = await verifyAuditLog(source(copy, notes, keys), checker);
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBe(entries[5].seq);
  });

  it('should catch a log rewritten end to end against an earlier checkpoint', async () => {
    const copy = structuredClone(entries);
    copy[1].action = 'auth.login';
    for (const e of copy) e.hash = leafHash(canonicalEntry(entryBody(e))).toString('hex');
    const leavesOnly = await verifyAuditLog(source(copy, [], keys), checker);
    expect(leavesOnly.ok).toBe(true);
    const result = await verifyAuditLog(source(copy, notes, keys), checker);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/rewritten/);
  });

  it('should refuse a checkpoint not signed by a registry key', async () => {
    const forged = notes[1].replace(
      / [A-Za-z0-9+/]+=*\n$/,
      ` ${Buffer.alloc(68, 7).toString('base64')}\n`,
    );
    const result = await verifyAuditLog(source(entries, [forged], keys), checker);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/not signed/);
  });

  it('should report a split view: two roots for one size, or a later tree that does not extend an earlier one', async () => {
    // A key the verifier trusts, so the forged views pass the signature check and only the
    // tree can give them away.
    const pair = generateKeyPairSync('ed25519');
    const raw = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
    const sign = (size: number, rootHash: Buffer) =>
      signCheckpoint(
        formatCheckpoint({ origin: origin(), size, rootHash, extensions: [] }),
        origin(),
        pair.privateKey,
      );
    const [a, b] = notes.map((n) => keys.map((k) => openCheckpoint(n, origin(), k)).find(Boolean));
    if (!a || !b) throw new Error('unsigned checkpoint');
    const twin = sign(a.size, Buffer.alloc(32, 1));
    const sameSize = await verifyAuditLog(
      source(entries, [...notes, twin], [...keys, raw]),
      checker,
    );
    expect(sameSize.ok).toBe(false);
    expect(sameSize.problems.join('\n')).toMatch(
      new RegExp(`split view: two signed checkpoints of size ${a.size}`),
    );
    // A view handed to someone else: only that party's copy of an earlier checkpoint and a later
    // one, whose tree does not extend it.
    const fork = sign(b.size, Buffer.alloc(32, 2));
    const later = await verifyAuditLog(source(entries, [notes[0], fork], [...keys, raw]), checker);
    expect(later.ok).toBe(false);
    expect(later.problems.join('\n')).toMatch(
      new RegExp(`split view: checkpoint ${b.size} is not consistent with checkpoint ${a.size}`),
    );
  });

  it('should refuse UPDATE, DELETE and TRUNCATE on the integrated log in the database itself', async () => {
    await expect(db().query(`UPDATE audit_events SET action = 'x' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db().query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db().query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM audit_checkpoints`)).rejects.toThrow(/append-only/);
    await expect(db().query(`UPDATE audit_tree_nodes SET hash = '\\x00'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db().query(`DELETE FROM audit_tree_nodes`)).rejects.toThrow(/append-only/);
    const { rows } = await db().query(`SELECT action FROM audit_events WHERE seq = 1`);
    expect(rows[0].action).not.toBe('x');
  });
});

/** A binary response body; fails the test on any status but 200. */
async function bytes(path: string): Promise<Buffer> {
  const res = await fetch(`${baseUrl()}${path}`);
  expect([path, res.status]).toEqual([path, 200]);
  expect(res.headers.get('content-type')).toMatch(/^application\/octet-stream/);
  return Buffer.from(await res.arrayBuffer());
}
