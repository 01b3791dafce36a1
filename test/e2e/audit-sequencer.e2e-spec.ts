import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import {
  checkConsistency,
  checkInclusion,
  entryLeafHash,
  openCheckpoint,
} from '../../scripts/minimal-proof-check.js';
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
  type TestPractitioner,
} from '../support/factories.js';

/** Parsed JSON, as tests read it. */
type Json = ReturnType<typeof JSON.parse>;

const hexes = (list: string[]) => list.map((h) => Buffer.from(h, 'hex'));
const origin = (base = baseUrl()) => `localhost:${new URL(base).port}/audit`;
const database = JSON.parse(process.env.TEST_DATABASE ?? '{}') as { kind: string; url?: string };

async function registryKeys(): Promise<Buffer[]> {
  const res = await api().get('/.well-known/jwks.json').expect(200);
  return (res.body.keys as Json[]).map((k) => Buffer.from(k.x as string, 'base64url'));
}

async function signedCheckpoint(): Promise<{ note: string; size: number; root: Buffer }> {
  const res = await api()
    .post('/api/v1/audit/checkpoints')
    .set(bearer(await asRegistrar()))
    .expect(200);
  const note = res.body.note as string;
  const opened = (await registryKeys()).map((k) => openCheckpoint(note, origin(), k)).find(Boolean);
  if (!opened) throw new Error('The checkpoint is not signed by a registry key.');
  return { note, ...opened };
}

const claimCheck = (registerNumber: string) =>
  api()
    .post('/api/v1/verifications')
    .send({
      registerNumber,
      claim: { kind: 'degree', title: 'MSc Health Informatics', awardingBody: 'University' },
    })
    .expect(201)
    .then((res) => res.body.reference as string);

const issue = (issuer: TestIssuer, registerNumber: string) =>
  api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', idempotencyKey())
    .send({
      registerNumber,
      kind: 'degree',
      title: 'MSc Health Informatics',
      level: 7,
      awardedOn: '2021-07-14',
    })
    .expect(201)
    .then((res) => res.body.id as string);

const revoke = (issuer: TestIssuer, id: string) =>
  api()
    .post(`/api/v1/credentials/${id}/revoke`)
    .set('x-api-key', issuer.apiKey)
    .send({ reason: 'Awarded in error' })
    .expect(200);

/** A bulk upload of `rows` certificates spread over the holders; the ids it issued. */
const bulkIssue = (issuer: TestIssuer, holders: TestPractitioner[], rows: number) =>
  api()
    .post('/api/v1/credentials/bulk')
    .set('x-api-key', issuer.apiKey)
    .set('content-type', 'text/csv')
    .send(
      [
        'registerNumber,kind,title,awardedOn,issuerReference',
        ...Array.from(
          { length: rows },
          (_, i) =>
            `${holders[i % holders.length].registerNumber},certificate,Bulk ${i},2022-01-01,SEQ-${idempotencyKey()}`,
        ),
      ].join('\n'),
    )
    .expect(200)
    .then((res) => {
      const reports = res.body.rows as { outcome: string; credentialId?: string }[];
      expect(reports.map((r) => r.outcome)).toEqual(reports.map(() => 'issued'));
      return reports.map((r) => r.credentialId as string);
    });

async function receiptEntryIds(references: string[]): Promise<string[]> {
  const { rows } = await db().query<{ audit_entry_id: string }>(
    `SELECT audit_entry_id FROM verification_receipts WHERE reference = ANY($1)`,
    [references],
  );
  return rows.map((r) => r.audit_entry_id);
}

/** Every entry of the log once, at seq 1..size, and each proven into the signed checkpoint. */
async function expectWholeLogProven(cp: { size: number; root: Buffer }): Promise<void> {
  const { rows } = await db().query<{ n: string; distinct_ids: string; max_seq: string }>(
    `SELECT count(*) AS n, count(DISTINCT id) AS distinct_ids, max(seq) AS max_seq FROM audit_events`,
  );
  expect(rows[0]).toEqual({
    n: String(cp.size),
    distinct_ids: String(cp.size),
    max_seq: String(cp.size),
  });
  expect(await count(`SELECT 1 FROM audit_queue`)).toBe(0);
  for (let from = 1; from <= cp.size; from += 1000) {
    const page = await api()
      .get(`/api/v1/audit/entries?from=${from}&to=${from + 999}`)
      .expect(200);
    for (const item of page.body.items as Json[]) {
      const body = Object.fromEntries(
        Object.entries(item as object).filter(([k]) => k !== 'hash'),
      ) as Json;
      const res = await api()
        .get(`/api/v1/audit/proofs/inclusion?index=${body.seq - 1}&size=${cp.size}`)
        .expect(200);
      const ok = checkInclusion(
        body.seq - 1,
        cp.size,
        entryLeafHash(body),
        hexes(res.body.proof),
        cp.root,
      );
      expect([body.seq, ok]).toEqual([body.seq, true]);
    }
  }
}

async function expectConsistent(
  a: { size: number; root: Buffer },
  b: { size: number; root: Buffer },
) {
  const res = await api()
    .get(`/api/v1/audit/proofs/consistency?from=${a.size}&to=${b.size}`)
    .expect(200);
  expect(checkConsistency(a.size, b.size, a.root, b.root, hexes(res.body.proof))).toBe(true);
}

describe('The audit sequencer', () => {
  let issuer: TestIssuer;
  let holders: TestPractitioner[];

  beforeAll(async () => {
    [issuer, ...holders] = await Promise.all([
      newIssuer(),
      newPractitioner(),
      newPractitioner(),
      newPractitioner(),
    ]);
  });
  afterAll(async () => {
    await db().query(
      `UPDATE audit_sequencer SET lease_expires_at = now() - interval '1 second' WHERE holder LIKE 'ghost%'`,
    );
    await closeDb();
  });

  it('should integrate concurrent checks, issues, a bulk upload and revocations exactly once, with proofs and consistent checkpoints', async () => {
    const toRevoke = await Promise.all(holders.map((h) => issue(issuer, h.registerNumber)));
    const before = await signedCheckpoint();
    const [references, issued, , bulkIssued] = await Promise.all([
      Promise.all(Array.from({ length: 24 }, (_, i) => claimCheck(holders[i % 3].registerNumber))),
      Promise.all(
        Array.from({ length: 6 }, (_, i) => issue(issuer, holders[i % 3].registerNumber)),
      ),
      Promise.all(toRevoke.map((id) => revoke(issuer, id))),
      bulkIssue(issuer, holders, 120),
    ]);
    const after = await signedCheckpoint();
    await expectConsistent(before, after);
    await expectWholeLogProven(after);

    const ids = await receiptEntryIds(references);
    expect(new Set(ids).size).toBe(24);
    expect(await count(`SELECT 1 FROM audit_events WHERE id = ANY($1)`, [ids])).toBe(24);
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE action = 'credential.issued' AND entity_id = ANY($1)`,
        [issued],
      ),
    ).toBe(6);
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE action = 'credential.revoked' AND entity_id = ANY($1)`,
        [toRevoke],
      ),
    ).toBe(3);
    expect(new Set(bulkIssued).size).toBe(120);
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE action = 'credential.issued' AND entity_id = ANY($1)`,
        [bulkIssued],
      ),
    ).toBe(120);
    // At least the writes of this test went in after `before`; all of them inside `after`.
    expect(after.size - before.size).toBeGreaterThanOrEqual(24 + 6 + 3 + 120);

    const receipt = await api().get(`/api/v1/verifications/${references[0]}`).expect(200);
    const audit: Json = receipt.body.audit;
    expect(audit.status).toBe('included');
    const cp = (await registryKeys())
      .map((k) => openCheckpoint(audit.checkpoint as string, origin(), k))
      .find(Boolean);
    if (!cp) throw new Error('The receipt carries an unsigned checkpoint.');
    expect(audit.entry.id).toBe(ids.find((id) => id === audit.entry.id));
    expect(
      checkInclusion(
        audit.leafIndex,
        cp.size,
        entryLeafHash(audit.entry),
        hexes(audit.inclusionProof.proof),
        cp.root,
      ),
    ).toBe(true);
  });

  it('should wait while a live lease is held elsewhere, then take over when it expires, losing and doubling nothing', async () => {
    await auditSettled();
    const before = await signedCheckpoint();
    await db().query(
      `UPDATE audit_sequencer SET holder = 'ghost-instance', lease_expires_at = now() + interval '3 seconds'`,
    );
    const references = await Promise.all(
      [1, 2, 3, 4].map(() => claimCheck(holders[0].registerNumber)),
    );
    const pending = await api().get(`/api/v1/verifications/${references[0]}`).expect(200);
    expect(pending.body.audit).toEqual({ status: 'pending' });
    const health = await api().get('/health/ready').expect(200);
    expect(health.body.auditLog.pending).toBeGreaterThanOrEqual(4);
    expect(health.body.auditLog.sequencer.holder).toBe('ghost-instance');

    await auditSettled();
    const state = await db().query<{ holder: string }>(`SELECT holder FROM audit_sequencer`);
    expect(state.rows[0].holder).toBe(health.body.auditLog.sequencer.thisInstance);
    const after = await signedCheckpoint();
    await expectConsistent(before, after);
    expect(
      await count(`SELECT 1 FROM audit_events WHERE id = ANY($1)`, [
        await receiptEntryIds(references),
      ]),
    ).toBe(4);
    await expectWholeLogProven(after);
    const included = await api().get(`/api/v1/verifications/${references[0]}`).expect(200);
    expect(included.body.audit.status).toBe('included');
  });

  (database.kind === 'server' ? it : it.skip)(
    'should lose nothing when the sequencing instance is killed mid-batch: another takes over',
    async () => {
      const env = JSON.parse(process.env.TEST_APP_ENV ?? '{}') as Record<string, string>;
      const port = await freePort();
      const second = spawn(
        process.execPath,
        [path.join(process.env.TEST_DIST ?? 'dist', 'src/main.js')],
        {
          env: { ...env, PORT: String(port), AUDIT_SEQUENCER_LEASE_SECONDS: '2' },
          stdio: 'ignore',
        },
      );
      const secondUrl = `http://127.0.0.1:${port}`;
      const blocker = new pg.Client({ connectionString: database.url });
      try {
        await waitFor(async () => (await fetch(`${secondUrl}/health/ready`)).ok, 60_000);
        const secondId = ((await (await fetch(`${secondUrl}/health/ready`)).json()) as Json)
          .auditLog.sequencer.thisInstance as string;
        await auditSettled();
        const before = await signedCheckpoint();
        // Hand the lease to the second instance, as if it had won it.
        await db().query(
          `UPDATE audit_sequencer SET holder = $1, lease_expires_at = now() + interval '2 seconds'`,
          [secondId],
        );
        // Hold its next batch mid-way: it can take queue rows and add leaves, not sign.
        await blocker.connect();
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE audit_checkpoints IN SHARE ROW EXCLUSIVE MODE');
        const references = await Promise.all(
          [1, 2, 3, 4, 5].map(() => claimCheck(holders[1].registerNumber)),
        );
        await waitFor(
          async () =>
            (await count(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
                 AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO audit_checkpoints%'`,
            )) === 1,
          15_000,
        );
        second.kill('SIGKILL');
        await new Promise((r) => second.once('exit', r));
        await blocker.query('ROLLBACK');

        await auditSettled(20_000);
        const state = await db().query<{ holder: string }>(`SELECT holder FROM audit_sequencer`);
        expect(state.rows[0].holder).not.toBe(secondId);
        const after = await signedCheckpoint();
        await expectConsistent(before, after);
        const ids = await receiptEntryIds(references);
        expect(await count(`SELECT 1 FROM audit_events WHERE id = ANY($1)`, [ids])).toBe(5);
        await expectWholeLogProven(after);
      } finally {
        second.kill('SIGKILL');
        await blocker.end().catch(() => undefined);
      }
    },
    90_000,
  );
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
    server.on('error', reject);
  });
}

async function waitFor(ok: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await ok().catch(() => false)) return;
    if (Date.now() > until) throw new Error('Timed out waiting.');
    await new Promise((r) => setTimeout(r, 100));
  }
}
