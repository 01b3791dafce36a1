import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import request from 'supertest';
import { asRegistrar, bearer, api, closeDb } from '../support/app.js';
import { newEmployer } from '../support/factories.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test:verification-rate-limit:${randomBytes(4).toString('hex')}:`;

interface Instance {
  child: ChildProcess;
  url: string;
  dataDir: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

/** The database the shared test app uses, as a URL another process can open. */
function databaseUrl(): string {
  const target = JSON.parse(process.env.TEST_DATABASE ?? '{}') as {
    kind: string;
    url?: string;
    socketDir?: string;
    port?: number;
  };
  if (target.kind === 'server' && target.url) return target.url;
  return `postgres://postgres@localhost/postgres?host=${encodeURIComponent(target.socketDir ?? '')}&port=${target.port ?? 5432}`;
}

async function start(): Promise<Instance> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-rate-limit-'));
  const env = {
    ...(JSON.parse(process.env.TEST_APP_ENV ?? '{}') as Record<string, string>),
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl(),
    DATABASE_POOL_SIZE: '1',
    REDIS_URL,
    RATE_LIMIT_KEY_PREFIX: prefix,
    RATE_LIMIT_WINDOW_SECONDS: '60',
    RATE_LIMIT_CHECK: '3',
    RATE_LIMIT_CHECK_EMPLOYER: '6',
    WEBHOOK_DISPATCHER_ENABLED: 'false',
  };
  const child = spawn(
    process.execPath,
    [path.join(process.env.TEST_DIST ?? 'dist', 'src/main.js')],
    { env, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`second app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return { child, url, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('second app did not become ready');
}

// A request the guard counts but that needs no data: the body is refused after the limit check.
const probe = (instance: Instance, token?: string) => {
  const req = request(instance.url).post('/api/v1/verifications');
  if (token) void req.set(bearer(token));
  return req.send({});
};

describe('Rate limits shared through Redis', () => {
  let first: Instance;
  let second: Instance;

  beforeAll(async () => {
    [first, second] = await Promise.all([start(), start()]);
  }, 120_000);

  afterAll(async () => {
    for (const instance of [first, second]) {
      if (!instance) continue;
      const exited = new Promise((resolve) => instance.child.once('exit', resolve));
      instance.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      fs.rmSync(instance.dataDir, { recursive: true, force: true });
    }
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await closeDb();
  });

  it('should count one client across two app instances and answer 429 with Retry-After', async () => {
    expect((await probe(first)).status).toBe(400);
    expect((await probe(second)).status).toBe(400);
    expect((await probe(first)).status).toBe(400);
    const refused = await probe(second);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
    expect((await probe(first)).status).toBe(429);
  });

  it('should give a verified employer a higher limit of its own, shared by both instances', async () => {
    const employer = await newEmployer();
    await api()
      .post(`/api/v1/organisations/${employer.organisationId}/verify`)
      .set(bearer(await asRegistrar()))
      .expect(200);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await probe(i % 2 === 0 ? first : second, employer.token)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 429]);
  });

  it('should hold an unverified employer to the anonymous limit', async () => {
    const employer = await newEmployer();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await probe(i % 2 === 0 ? second : first, employer.token)).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});
