import { ReplicaRouter } from './replica-router.js';

// Needs a PostgreSQL server (DATABASE_URL) to fall back to; port 1 never answers.
const primaryUrl = process.env.DATABASE_URL;
const DEAD = 'postgres://postgres@127.0.0.1:1/nowhere';

(primaryUrl ? describe : describe.skip)(ReplicaRouter.name, () => {
  const warnings: string[] = [];
  const logger = { warn: (m: string) => warnings.push(m), log: () => undefined };

  it('should fall back to the primary when every replica refuses, warning once', async () => {
    const router = new ReplicaRouter([DEAD], primaryUrl ?? '', 2, logger);
    try {
      for (let i = 0; i < 3; i++) {
        const client = await router.acquire();
        const { rows } = await client.query<{ standby: boolean }>(
          'SELECT pg_is_in_recovery() AS standby',
        );
        client.release();
        expect(rows[0]?.standby).toBe(false);
      }
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
    const live = primaryUrl ?? '';
    const router = new ReplicaRouter([DEAD, live, live], DEAD, 2, logger);
    try {
      for (let i = 0; i < 4; i++) {
        const client = await router.acquire();
        client.release();
      }
      const states = await router.states();
      expect(states.map((s) => s.state)).toEqual(['down', 'up', 'up']);
      expect(states[1]?.replayLagSeconds).toBeNull();
    } finally {
      await router.end();
    }
  });
});
