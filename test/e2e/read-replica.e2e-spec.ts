import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { api, closeDb, db } from '../support/app.js';
import { idempotencyKey, newIssuer, newPractitioner } from '../support/factories.js';

// Runs against a real streaming replica (scripts/start-replica.sh; TEST_REPLICA_URL, see
// test/setup/global-setup.js), and on the embedded database checks the setting is ignored.
const database = JSON.parse(process.env.TEST_DATABASE ?? '{}') as {
  kind?: string;
  replicaUrl?: string;
};
const appEnv = JSON.parse(process.env.TEST_APP_ENV ?? '{}') as Record<string, string | undefined>;
const withReplica = database.kind === 'server' && database.replicaUrl !== undefined;
const embeddedWithSetting = database.kind === 'embedded' && !!appEnv.DATABASE_REPLICA_URLS;

const CLAIM = {
  kind: 'certificate',
  title: 'Digital Leadership Programme',
  awardingBody: '',
  awardedYear: 2022,
};

async function issuedCertificate() {
  const [issuer, holder] = await Promise.all([newIssuer(), newPractitioner()]);
  const issued = await api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', idempotencyKey())
    .send({
      registerNumber: holder.registerNumber,
      kind: CLAIM.kind,
      title: CLAIM.title,
      awardedOn: '2022-03-01',
    })
    .expect(201);
  return { issuer, holder, credentialId: (issued.body as { id: string }).id };
}

const entryStatus = async (registerNumber: string) =>
  (
    (await api().get(`/api/v1/register/${registerNumber}`).expect(200)).body as {
      credentials: { status: string }[];
    }
  ).credentials.map((c) => c.status);

(withReplica ? describe : describe.skip)('Public reads from a streaming read replica', () => {
  let replica: pg.Client;

  /** The primary's WAL position now: once the replica has replayed it, it has every earlier write. */
  const primaryLsn = async () =>
    (await db().query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;

  async function replayedUpTo(lsn: string, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await replica.query<{ done: boolean }>(
        'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
        [lsn],
      );
      if (rows[0]?.done) return;
      if (Date.now() > until) throw new Error(`the replica did not replay up to ${lsn}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    replica = new pg.Client({ connectionString: database.replicaUrl });
    await replica.connect();
    // Migrations ran on the primary at boot: public reads need them replayed first.
    await replayedUpTo(await primaryLsn());
  });
  afterAll(async () => {
    await replica.query('SELECT pg_wal_replay_resume()');
    await replica.end();
    await closeDb();
  });

  it('should report the replica as up and streaming in /health/ready', async () => {
    const { rows } = await replica.query<{ standby: boolean }>(
      'SELECT pg_is_in_recovery() AS standby',
    );
    expect(rows[0]?.standby).toBe(true);
    const ready = await api().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      database: 'up',
      replicas: [{ state: 'up', name: expect.stringMatching(/:\d+\/test/) as unknown }],
    });
  });

  it('should show a revocation on the public entry once the replica replays it, while claim checks see it at once', async () => {
    const { issuer, holder, credentialId } = await issuedCertificate();
    const claim = { ...CLAIM, awardingBody: issuer.name };
    await replayedUpTo(await primaryLsn());
    expect(await entryStatus(holder.registerNumber)).toEqual(['active']);

    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      await api()
        .post(`/api/v1/credentials/${credentialId}/revoke`)
        .set('x-api-key', issuer.apiKey)
        .send({ reason: 'awarded in error' })
        .expect(200);
      const revokedAt = await primaryLsn();
      const { rows } = await db().query<{ status: string }>(
        'SELECT status FROM credentials WHERE id = $1',
        [credentialId],
      );
      expect(rows[0]?.status).toBe('revoked');

      // Replay is paused: the replica, and so the public entry, still has the old state...
      expect(await entryStatus(holder.registerNumber)).toEqual(['active']);
      // ...except to whoever made the change, who reads the primary...
      const ownWrite = await api()
        .get(`/api/v1/register/${holder.registerNumber}`)
        .set('x-api-key', issuer.apiKey)
        .expect(200);
      expect((ownWrite.body as { credentials: { status: string }[] }).credentials).toEqual([
        expect.objectContaining({ status: 'revoked' }),
      ]);
      // ...but a claim check reads the primary and never answers from stale data.
      const check = await api()
        .post('/api/v1/verifications')
        .send({ registerNumber: holder.registerNumber, claim })
        .expect(201);
      expect((check.body as { outcome: string }).outcome).toBe('revoked');

      await replica.query('SELECT pg_wal_replay_resume()');
      await replayedUpTo(revokedAt);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
    expect(await entryStatus(holder.registerNumber)).toEqual(['revoked']);
  });

  it('should search through the replica: someone new is found once it has replayed them', async () => {
    await replica.query('SELECT pg_wal_replay_pause()');
    let registered: Awaited<ReturnType<typeof newPractitioner>>;
    let at: string;
    try {
      registered = await newPractitioner();
      at = await primaryLsn();
      const whilePaused = await api()
        .get('/api/v1/register')
        .query({ q: registered.registerNumber })
        .expect(200);
      // The number resolves on the primary, but what a result shows is read from the replica.
      expect((whilePaused.body as { items: unknown[] }).items).toEqual([]);
      await replica.query('SELECT pg_wal_replay_resume()');
      await replayedUpTo(at);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
    const after = await api()
      .get('/api/v1/register')
      .query({ q: registered.registerNumber })
      .expect(200);
    expect((after.body as { items: { registerNumber: string }[] }).items).toEqual([
      expect.objectContaining({ registerNumber: registered.registerNumber }),
    ]);
  });
});

(embeddedWithSetting ? describe : describe.skip)(
  'DATABASE_REPLICA_URLS with the embedded database',
  () => {
    afterAll(closeDb);

    it('should ignore the setting with a warning and serve public reads', async () => {
      const log = fs.readFileSync(path.join(appEnv.DATA_DIR ?? '', 'app.log'), 'utf8');
      expect(log).toMatch(
        /DATABASE_REPLICA_URLS is ignored: the embedded database has no replicas/,
      );
      const ready = await api().get('/health/ready').expect(200);
      // Ignored means no replica is reported (the audit log's lag is reported as always).
      expect(ready.body).toMatchObject({ status: 'ok', database: 'up' });
      expect(ready.body).not.toHaveProperty('replicas');
      const p = await newPractitioner();
      await api().get(`/api/v1/register/${p.registerNumber}`).expect(200);
    });
  },
);
