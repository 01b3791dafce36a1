import pg from 'pg';
import { ReplicaRouter } from './replica-router.js';

// Needs a PostgreSQL server (DATABASE_URL) to fall back to; port 1 never answers. The lag test
// also needs a streaming replica of it (TEST_REPLICA_URL, scripts/start-replica.sh).
const primaryUrl = process.env.DATABASE_URL ?? '';
const replicaUrl = process.env.TEST_REPLICA_URL ?? '';
const DEAD = 'postgres://postgres@127.0.0.1:1/nowhere';
const SMALL = { poolSize: 2, maxLagSeconds: 30 };

async function inRecovery(router: ReplicaRouter): Promise<boolean> {
  const client = await router.acquire();
  try {
    const { rows } = await client.query<{ standby: boolean }>(
      'SELECT pg_is_in_recovery() AS standby',
    );
    return rows[0]?.standby ?? false;
  } finally {
    client.release();
  }
}

(primaryUrl ? describe : describe.skip)(ReplicaRouter.name, () => {
  const warnings: string[] = [];
  const logger = { warn: (m: string) => warnings.push(m), log: () => undefined };
  beforeEach(() => {
    warnings.length = 0;
  });

  it('should fall back to the primary when every replica refuses, warning once', async () => {
    const router = new ReplicaRouter([DEAD], primaryUrl, SMALL, logger);
    try {
      for (let i = 0; i < 3; i++) expect(await inRecovery(router)).toBe(false);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/127\.0\.0\.1:1\/nowhere refused a connection/);
      expect(warnings[0]).not.toMatch(/postgres@/);
      const [state] = await router.states();
      expect(state).toMatchObject({ name: '127.0.0.1:1/nowhere', state: 'down' });
    } finally {
      await router.end();
    }
  });

  it('should take turns between replicas and skip a dead one', async () => {
    const router = new ReplicaRouter([DEAD, primaryUrl, primaryUrl], DEAD, SMALL, logger);
    try {
      for (let i = 0; i < 4; i++) (await router.acquire()).release();
      const states = await router.states();
      expect(states.map((s) => s.state)).toEqual(['down', 'up', 'up']);
      expect(states[1]?.replayLagSeconds).toBeNull();
    } finally {
      await router.end();
    }
  });

  (replicaUrl ? it : it.skip)(
    'should leave out a replica that has not replayed what the primary wrote max-lag ago',
    async () => {
      const admin = new pg.Client({ connectionString: replicaUrl });
      const primary = new pg.Client({ connectionString: primaryUrl });
      await Promise.all([admin.connect(), primary.connect()]);
      const router = new ReplicaRouter(
        [replicaUrl],
        primaryUrl,
        { poolSize: 2, maxLagSeconds: 1 },
        logger,
      );
      try {
        expect(await inRecovery(router)).toBe(true);
        await admin.query('SELECT pg_wal_replay_pause()');
        const t0 = Date.now();
        await router.checkLag(t0);
        // A transactional WAL record: the primary's position moves past what the replica has.
        await primary.query(`SELECT pg_logical_emit_message(true, 'replica-lag-test', 'x')`);
        await router.checkLag(t0 + 1);
        await router.checkLag(t0 + 2_000);
        expect((await router.states())[0]?.state).toBe('lagging');
        expect(await inRecovery(router)).toBe(false);
        expect(warnings).toEqual([expect.stringMatching(/too far behind the primary/)]);

        await admin.query('SELECT pg_wal_replay_resume()');
        const { rows } = await primary.query<{ lsn: string }>(
          'SELECT pg_current_wal_lsn()::text AS lsn',
        );
        for (let i = 0; i < 200; i++) {
          const replayed = await admin.query<{ done: boolean }>(
            'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
            [rows[0]?.lsn],
          );
          if (replayed.rows[0]?.done) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await router.checkLag(t0 + 4_000);
        expect((await router.states())[0]?.state).toBe('up');
        expect(await inRecovery(router)).toBe(true);
      } finally {
        await admin.query('SELECT pg_wal_replay_resume()');
        await Promise.all([admin.end(), primary.end(), router.end()]);
      }
    },
  );
});
