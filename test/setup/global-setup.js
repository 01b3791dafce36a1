// Boots the built registry once per test run, as a real process on a free port, against a fresh
// database: a new database on the PostgreSQL server at DATABASE_URL, or else a new embedded one.
// With TEST_REPLICA_URL (a streaming replica of that server, scripts/start-replica.sh) the app also
// gets DATABASE_REPLICA_URLS: the same new database, as the replica sees it once it has replayed it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const REGISTRAR = { email: 'registrar@registry.test', password: 'registrar-test-password' };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function createServerDatabase(baseUrl) {
  const url = new URL(baseUrl);
  const baseName = url.pathname.slice(1);
  if (!/test/i.test(baseName)) {
    throw new Error(
      `Refusing to run tests against database "${baseName}": its name must contain "test".`,
    );
  }
  const name = `${baseName}_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

/** The run's database on the replica, once the replica has replayed its creation. */
async function replicaDatabase(replicaBaseUrl, name, deadlineMs) {
  const url = new URL(replicaBaseUrl);
  url.pathname = `/${name}`;
  const until = Date.now() + deadlineMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url.toString() });
    try {
      await client.connect();
      await client.end();
      return url.toString();
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > until) throw new Error(`The replica never showed ${name}: ${error.message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function waitForReady(baseUrl, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The app did not become ready in time');
}

export default async function globalSetup() {
  const port = await freePort();
  // The app sends mail to this port; a spec that reads mail listens on it (test/support/smtp.ts).
  // With nobody listening, sends fail and are retried with back-off, as with a relay that is down.
  const smtpPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-e2e-'));
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // One KEK for the shared test app and every instance a spec starts beside it, as in production:
    // an instance with another KEK refuses to start (it cannot open the signing keys).
    KEY_ENCRYPTION_KEY: process.env.KEY_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    BOOTSTRAP_REGISTRAR_EMAIL: REGISTRAR.email,
    BOOTSTRAP_REGISTRAR_PASSWORD: REGISTRAR.password,
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    // Each response carries x-db-queries, so tests can fail when a page makes a query per row.
    DB_QUERY_COUNT_HEADER: 'true',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_DISPATCH_INTERVAL_MS: '200',
    MAIL_RETRY_BASE_SECONDS: '1',
  };
  let database;
  if (process.env.DATABASE_URL) {
    const created = await createServerDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = created.url;
    database = {
      kind: 'server',
      url: created.url,
      name: created.name,
      adminUrl: process.env.DATABASE_URL,
    };
    if (process.env.TEST_REPLICA_URL) {
      database.replicaUrl = await replicaDatabase(
        process.env.TEST_REPLICA_URL,
        created.name,
        30_000,
      );
      env.DATABASE_REPLICA_URLS = database.replicaUrl;
    }
  } else {
    delete env.DATABASE_URL;
    // The embedded database has no replicas: the app must log that it ignores the setting.
    if (process.env.TEST_REPLICA_URL) env.DATABASE_REPLICA_URLS = process.env.TEST_REPLICA_URL;
    database = { kind: 'embedded', socketDir: path.join(dataDir, 'run'), port: 5432 };
  }
  const logFile = path.join(dataDir, 'app.log');
  const out = fs.openSync(logFile, 'a');
  const dist = process.env.TEST_DIST ?? 'dist';
  const child = spawn(process.execPath, [path.join(dist, 'bundle/app/main.js')], {
    env,
    stdio: ['ignore', out, out],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(baseUrl, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    process.stderr.write(fs.readFileSync(logFile, 'utf8'));
    throw error;
  }
  process.env.TEST_BASE_URL = baseUrl;
  process.env.TEST_DATABASE = JSON.stringify(database);
  process.env.TEST_JWT_SECRET = env.JWT_SECRET;
  process.env.TEST_SMTP_PORT = String(smtpPort);
  process.env.TEST_APP_ENV = JSON.stringify(env);
  // Specs that measure the app's memory read /proc/<pid>/status.
  process.env.TEST_APP_PID = String(child.pid);
  fs.closeSync(out);
  globalThis.__registryApp = { child, dataDir, database, logFile };
}
