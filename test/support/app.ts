import pg from 'pg';
import request from 'supertest';

export const REGISTRAR = { email: 'registrar@registry.test', password: 'registrar-test-password' };

interface TestDatabase {
  kind: 'server' | 'embedded';
  url?: string;
  socketDir?: string;
  port?: number;
}

/** The app booted by global-setup, driven over HTTP exactly as clients drive it. */
export const api = () => request(process.env.TEST_BASE_URL ?? '');

export const baseUrl = () => process.env.TEST_BASE_URL ?? '';

let pool: pg.Pool | undefined;

/** Direct access to the app's database, to check the rows a request left behind. */
export function db(): pg.Pool {
  if (!pool) {
    const target = JSON.parse(process.env.TEST_DATABASE ?? '{}') as TestDatabase;
    pool =
      target.kind === 'server'
        ? new pg.Pool({ connectionString: target.url, max: 2 })
        : new pg.Pool({
            host: target.socketDir,
            port: target.port,
            user: 'postgres',
            database: 'postgres',
            max: 1,
          });
  }
  return pool;
}

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db().query<{ n: string }>(
    `SELECT count(*)::text AS n FROM (${sql}) q`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function login(email: string, password: string): Promise<string> {
  const res = await api().post('/api/v1/auth/login').send({ email, password }).expect(200);
  return (res.body as { accessToken: string }).accessToken;
}

let registrarToken: Promise<string> | undefined;
export const asRegistrar = () => (registrarToken ??= login(REGISTRAR.email, REGISTRAR.password));

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Waits until the audit sequencer has moved every queued entry into the log. Writers only queue
 * their audit entries; the log takes them within a second, so a test reading audit_events after
 * a write waits for that first.
 */
export async function auditSettled(timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await count(`SELECT 1 FROM audit_queue`)) > 0) {
    if (Date.now() > until) throw new Error('The audit queue did not drain in time.');
    await new Promise((r) => setTimeout(r, 100));
  }
}
