import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { auditSettled, closeDb, db } from '../support/app.js';
import { CuttableProxy } from '../support/cuttable-proxy.js';
import { newPractitioner } from '../support/factories.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';

const REDIS_URL = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `test:login-throttle:${randomBytes(4).toString('hex')}:`;
// Documentation addresses (RFC 5737), only ever sent as X-Forwarded-For values.
let nextAddress = 1;
const newAddress = () => `203.0.113.${nextAddress++}`;

const strip = (body: Record<string, unknown>) => ({ ...body, correlationId: undefined });

describe('Login throttling', () => {
  const redisProxy = new CuttableProxy({
    host: REDIS_URL.hostname,
    port: Number(REDIS_URL.port || 6379),
  });
  let instance: Instance | undefined;
  const app = () => request(instance?.url ?? '');
  const login = (email: string, password: string, address: string) =>
    app().post('/api/v1/auth/login').set('x-forwarded-for', address).send({ email, password });

  beforeAll(async () => {
    const port = await redisProxy.listen();
    instance = await startInstance({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      RATE_LIMIT_KEY_PREFIX: prefix,
      TRUST_PROXY: 'true',
      LOGIN_FREE_FAILURES_ACCOUNT: '3',
      LOGIN_FREE_FAILURES_ADDRESS: '6',
      LOGIN_LOCK_MAX_SECONDS: '4',
    });
  }, 90_000);

  afterAll(async () => {
    await stopInstance(instance);
    await redisProxy.close();
    const redis = new Redis(REDIS_URL.toString());
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await closeDb();
  });

  it('should back off an account exponentially with 429 and Retry-After, the same for unknown emails', async () => {
    const p = await newPractitioner();
    const unknown = `nobody-${randomBytes(4).toString('hex')}@example.test`;
    const answers: Record<
      string,
      Array<[number, string | undefined, Record<string, unknown>]>
    > = {};
    const durations: Record<string, number[]> = { [p.email]: [], [unknown]: [] };
    const addresses = { [p.email]: newAddress(), [unknown]: newAddress() };
    answers[p.email] = [];
    answers[unknown] = [];
    // Interleaved, so the machine's load weighs on both the same.
    for (let i = 0; i < 4; i++) {
      for (const email of [p.email, unknown]) {
        const t0 = performance.now();
        const res = await login(email, 'wrong-password-1', addresses[email] ?? '');
        durations[email]?.push(performance.now() - t0);
        answers[email]?.push([
          res.status,
          res.headers['retry-after'],
          strip(res.body as Record<string, unknown>),
        ]);
      }
    }
    // A locked account stays locked even with the right password, from any address.
    const lockedWithRightPassword = (await login(p.email, p.password, newAddress())).status;
    expect(lockedWithRightPassword).toBe(429);
    expect(answers[p.email]?.map(([s]) => s)).toEqual([401, 401, 401, 429]);
    expect(answers[p.email]?.[3]?.[1]).toBe('1');
    expect(answers[unknown]).toEqual(answers[p.email]);
    expect(answers[p.email]?.[3]?.[2]).toMatchObject({
      code: 'AUTH.TOO_MANY_ATTEMPTS',
      status: 429,
    });
    // The same work for both: a password hash checked on each failure, nothing once locked.
    // Loose bounds: the machine is shared, but skipping the hash for unknown emails is ~10x faster.
    const total = (xs: number[] = []) => xs.slice(0, 3).reduce((a, b) => a + b, 0);
    const ratio = total(durations[p.email]) / total(durations[unknown]);
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(4);

    await new Promise((r) => setTimeout(r, 1100));
    expect((await login(p.email, 'wrong-password-1', newAddress())).status).toBe(401);
    const doubled = await login(p.email, p.password, newAddress());
    expect(doubled.status).toBe(429);
    expect(doubled.headers['retry-after']).toBe('2');
    await new Promise((r) => setTimeout(r, 2100));
    expect((await login(p.email, p.password, newAddress())).status).toBe(200);

    await auditSettled();
    const { rows } = await db().query<{ data: { scope: string; seconds: number } }>(
      `SELECT data FROM audit_events WHERE action = 'auth.login-locked' AND entity_id = $1`,
      [p.userId],
    );
    expect(rows.map((r) => r.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: 'account', seconds: 1 }),
        expect.objectContaining({ scope: 'account', seconds: 2 }),
      ]),
    );
  });

  it('should lock out a client address guessing across many accounts', async () => {
    const p = await newPractitioner();
    const address = newAddress();
    for (let i = 0; i < 6; i++) {
      const res = await login(
        `guess-${i}-${randomBytes(3).toString('hex')}@example.test`,
        'x-password-1',
        address,
      );
      expect(res.status).toBe(401);
    }
    const res = await login(p.email, p.password, address);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await login(p.email, p.password, newAddress())).status).toBe(200);
  });

  it('should apply the same rules to the sign-in page', async () => {
    const p = await newPractitioner();
    const address = newAddress();
    const form = await app().get('/sign-in').set('x-forwarded-for', address);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const cookies = form.headers['set-cookie'] as unknown as string[];
    const signIn = (password: string) =>
      app()
        .post('/sign-in')
        .set('x-forwarded-for', address)
        .set('cookie', cookies.map((c) => c.split(';')[0]).join('; '))
        .type('form')
        .send({ email: p.email, password, _csrf: csrf });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await signIn('wrong-password-1')).status);
    const res = await signIn(p.password);
    expect([...statuses, res.status]).toEqual([401, 401, 401, 429]);
    expect(res.text).toContain('Too many attempts');
  });

  it('should answer 503 with Retry-After when Redis is unreachable, and recover', async () => {
    const p = await newPractitioner();
    redisProxy.cutOff();
    try {
      const res = await login(p.email, p.password, newAddress());
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      redisProxy.restore();
    }
    const until = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < until && status !== 200) {
      status = (await login(p.email, p.password, newAddress())).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
