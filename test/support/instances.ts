import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Instance {
  child: ChildProcess;
  url: string;
  dataDir: string;
  output: () => string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

interface TestDatabase {
  kind: string;
  url?: string;
  socketDir?: string;
  port?: number;
}

const testDatabase = () => JSON.parse(process.env.TEST_DATABASE ?? '{}') as TestDatabase;

/** The shared test app's database, as a URL another process can open. */
export function databaseUrl(): string {
  const target = testDatabase();
  if (target.kind === 'server' && target.url) return target.url;
  return `postgres://postgres@localhost/postgres?host=${encodeURIComponent(target.socketDir ?? '')}&port=${target.port ?? 5432}`;
}

/** Where the shared test app's database listens, for a proxy in front of it. */
export function databaseTarget(): net.NetConnectOpts {
  const target = testDatabase();
  if (target.kind === 'server' && target.url) {
    const url = new URL(target.url);
    return { host: url.hostname, port: Number(url.port || 5432) };
  }
  return { path: path.join(target.socketDir ?? '', `.s.PGSQL.${target.port ?? 5432}`) };
}

/** The shared test app's database URL, reached through 127.0.0.1:port instead. */
export function databaseUrlVia(port: number): string {
  const target = testDatabase();
  if (target.kind === 'server' && target.url) {
    const url = new URL(target.url);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    return url.toString();
  }
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/** Another process of the built app on the test database, with settings of the test's choosing. */
export async function startInstance(settings: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-instance-'));
  const shared = JSON.parse(process.env.TEST_APP_ENV ?? '{}') as Record<string, string>;
  // The shared app's replica setting belongs to its own connection. An instance reaching the embedded
  // database by URL (often through a cuttable proxy) would take it as a server database and send its
  // public reads to that replica, of another database: the register search then answered 500 during
  // a cut on embedded CI runs (TEST_REPLICA_URL is set there). A test that wants replicas says so.
  delete shared.DATABASE_REPLICA_URLS;
  const env = {
    ...shared,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl(),
    DATABASE_POOL_SIZE: '2',
    WEBHOOK_DISPATCHER_ENABLED: 'false',
    ...settings,
  };
  let output = '';
  const child = spawn(
    process.execPath,
    [path.join(process.env.TEST_DIST ?? 'dist', 'bundle/app/main.js')],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`The instance exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok)
        return { child, url, dataDir, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`The instance did not become ready: ${output}`);
}

export async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance) return;
  if (instance.child.exitCode === null && instance.child.signalCode === null) {
    const exited = new Promise((resolve) => instance.child.once('exit', resolve));
    instance.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    instance.child.kill('SIGKILL');
  }
  fs.rmSync(instance.dataDir, { recursive: true, force: true });
}
