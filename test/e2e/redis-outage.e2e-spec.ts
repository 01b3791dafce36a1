import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { closeDb } from '../support/app.js';
import { CuttableProxy } from '../support/cuttable-proxy.js';
import { newPractitioner } from '../support/factories.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';

// An instance whose REDIS_URL goes through a proxy the test cuts: while Redis is unreachable the
// instance is not ready, and requests that need Redis (rate-limited public reads, sign-in
// throttling) answer 503 problem+json with Retry-After, never 500, 401 or an unlimited 200. When the
// proxy lets connections through again the instance recovers by itself.
const REDIS_URL = process.env.REDIS_URL;
const prefix = `test:redis-outage:${randomBytes(4).toString('hex')}:`;

(REDIS_URL ? describe : describe.skip)('Redis outage', () => {
  const target = new URL(REDIS_URL ?? 'redis://127.0.0.1:6379');
  const proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 6379) });
  let instance: Instance | undefined;
  const app = () => request(instance?.url ?? '');

  beforeAll(async () => {
    const port = await proxy.listen();
    instance = await startInstance({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      RATE_LIMIT_KEY_PREFIX: prefix,
    });
  }, 90_000);

  afterAll(async () => {
    await stopInstance(instance);
    await proxy.close();
    const redis = new Redis(target.toString());
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await closeDb();
  });

  const expectOutage = (res: request.Response) => {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  };

  it('should answer 503 with Retry-After while Redis is cut, and recover without a restart', async () => {
    const p = await newPractitioner();
    const search = () => app().get('/api/v1/register').query({ q: 'Outageson' });
    const signIn = () =>
      app().post('/api/v1/auth/login').send({ email: p.email, password: p.password });
    await app().get('/health/ready').expect(200);
    await search().expect(200);

    proxy.cutOff();
    try {
      const started = Date.now();
      const ready = await app().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
      const answers = [
        await search(),
        await app().get(`/api/v1/register/${p.registerNumber}`),
        await signIn(),
      ];
      for (const res of answers) expectOutage(res);
      expect(answers.map((r) => (r.body as { code?: string }).code)).toEqual([
        'SERVER.UNAVAILABLE',
        'SERVER.UNAVAILABLE',
        'SERVER.UNAVAILABLE',
      ]);
      // Promptly: a request does not wait for Redis to come back.
      expect(Date.now() - started).toBeLessThan(10_000);
      // Liveness is not readiness: the process itself is fine.
      await app().get('/health').expect(200);
    } finally {
      proxy.restore();
    }

    const until = Date.now() + 20_000;
    let statuses: number[] = [];
    while (Date.now() < until) {
      statuses = [(await app().get('/health/ready')).status, (await search()).status];
      if (statuses.every((s) => s === 200)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(statuses).toEqual([200, 200]);
    expect((await signIn()).status).toBe(200);
  }, 60_000);
});
