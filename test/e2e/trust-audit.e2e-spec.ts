import { entryHash } from '../../src/modules/trust/audit-chain.js';
import {
  verifyAuditLog,
  entryBody,
  type AuditLogSource,
  type PublishedAuditEntry,
} from '../../src/modules/trust/audit-log-verifier.js';
import { verifyCheckpoint } from '../../src/modules/trust/checkpoint.js';
import { api, asRegistrar, baseUrl, bearer, closeDb, db } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';

/** Parsed JSON, as tests read it. */
type Json = ReturnType<typeof JSON.parse>;

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

async function registryKeys(): Promise<Uint8Array[]> {
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
  const bySeqOrder = entries;
  return {
    entries: (from, limit) => {
      const start = bySeqOrder.findIndex((e) => e.seq >= from);
      return Promise.resolve(start === -1 ? [] : bySeqOrder.slice(start, start + limit));
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

describe('Trust: the audit log, its checkpoints and its verifier', () => {
  let entries: PublishedAuditEntry[];
  let notes: string[];
  let keys: Uint8Array[];

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
  });

  it('should serve the latest checkpoint as a signed C2SP note by a registry key', async () => {
    const res = await api().get('/api/v1/audit/checkpoints/latest').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const origin = `localhost:${new URL(baseUrl()).port}/audit`;
    expect(res.text.startsWith(`${origin}\n`)).toBe(true);
    expect(keys.some((k) => verifyCheckpoint(res.text, origin, k).ok)).toBe(true);
  });

  it('should let only the registrar ask for a checkpoint', async () => {
    const p = await newPractitioner();
    expect((await api().post('/api/v1/audit/checkpoints').set(bearer(p.token))).status).toBe(403);
    expect((await api().post('/api/v1/audit/checkpoints')).status).toBe(401);
  });

  it('should pass the untouched log and its checkpoints', async () => {
    const result = await verifyAuditLog(source(entries, notes, keys));
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
    const result = await verifyAuditLog(source(copy, notes, keys));
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBe(copy[2].seq);
    expect(result.problems[0]).toMatch(/edited/);
  });

  it('should name the entry after a deleted one, and catch a deleted tail against a checkpoint', async () => {
    const gap = entries.filter((_, i) => i !== 3);
    const middle = await verifyAuditLog(source(gap, notes, keys));
    expect(middle.firstBrokenSeq).toBe(entries[4].seq);
    expect(middle.problems[0]).toMatch(/missing/);
    const tail = await verifyAuditLog(source(entries.slice(0, -1), notes, keys));
    expect(tail.ok).toBe(false);
    expect(tail.problems.join()).toMatch(/deleted/);
  });

  it('should catch a reordered pair', async () => {
    const copy = structuredClone(entries);
    [copy[4], copy[5]] = [copy[5], copy[4]];
    const result = await verifyAuditLog(source(copy, notes, keys));
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBe(entries[5].seq);
  });

  it('should catch a chain rewritten end to end against an earlier checkpoint', async () => {
    const copy = structuredClone(entries);
    copy[1].action = 'auth.login';
    let prev = copy[0].hash as string;
    for (const e of copy.slice(1)) {
      e.prevHash = prev;
      e.hash = entryHash(prev, entryBody(e));
      prev = e.hash;
    }
    const chainOnly = await verifyAuditLog(source(copy, [], keys));
    expect(chainOnly.ok).toBe(true);
    const result = await verifyAuditLog(source(copy, notes, keys));
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/rewritten/);
  });

  it('should refuse a checkpoint not signed by a registry key', async () => {
    const forged = notes[1].replace(
      / [A-Za-z0-9+/]+=*\n$/,
      ` ${Buffer.alloc(68, 7).toString('base64')}\n`,
    );
    const result = await verifyAuditLog(source(entries, [forged], keys));
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/not signed/);
  });

  it('should refuse UPDATE, DELETE and TRUNCATE on audit_events in the database itself', async () => {
    await expect(db().query(`UPDATE audit_events SET action = 'x' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db().query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db().query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM audit_checkpoints`)).rejects.toThrow(/append-only/);
    const { rows } = await db().query(`SELECT action FROM audit_events WHERE seq = 1`);
    expect(rows[0].action).not.toBe('x');
  });
});
