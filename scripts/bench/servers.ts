// Starts the two servers the load benchmark compares, each in its own process so neither shares
// an event loop with the load generator: the built registry and the bare baseline.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY } from '../app-entry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// High enough that no bench request is ever refused; the registry has no switch to turn limits off.
const NO_LIMIT = '1000000000';

export const REGISTRY_APP_NAME = 'bench-registry';
export const BARE_APP_NAME = 'bench-bare';

export interface RunningServer {
  name: string;
  /** The application_name of its database sessions. */
  appName: string;
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} was not ready within ${seconds} s`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/**
 * The built registry (the bundle `npm start` runs) on a free port. Rate limits are raised through the app's own
 * RATE_LIMIT_* settings; keys and the JWT secret are fixed for the bench so a reused database's
 * signing keys still decrypt. Its stderr/stdout go to `logFile`.
 */
export async function startRegistry(
  databaseUrl: string,
  logFile: string,
  nodeArgs: string[] = [],
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = path.join(os.tmpdir(), 'registry-bench-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const fixed = (label: string) => createHash('sha256').update(`registry-bench:${label}`).digest();
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, APP_ENTRY)], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      // node-postgres names its sessions after PGAPPNAME: the bench cancels this server's leftovers.
      PGAPPNAME: REGISTRY_APP_NAME,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      JWT_SECRET: fixed('jwt').toString('hex'),
      KEY_ENCRYPTION_KEY: fixed('kek').toString('base64'),
      REDIS_URL: '',
      WEBHOOK_DISPATCHER_ENABLED: 'false',
      // A freshly generated database holds thousands of credentials due for an expiry reminder:
      // mailing them (a file per mail) ran beside the measured requests and took 5–8% of the
      // registry's CPU in a profile of claim checks, work the bare server never does.
      MAIL_DISPATCHER_ENABLED: 'false',
      RATE_LIMIT_SEARCH: NO_LIMIT,
      RATE_LIMIT_SEARCH_EMPLOYER: NO_LIMIT,
      RATE_LIMIT_CHECK: NO_LIMIT,
      RATE_LIMIT_CHECK_EMPLOYER: NO_LIMIT,
      RATE_LIMIT_REDEEM: NO_LIMIT,
      RATE_LIMIT_REDEEM_EMPLOYER: NO_LIMIT,
    },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitForReady(url, child, 180);
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}; see ${logFile}`);
  }
  return { name: 'registry', appName: REGISTRY_APP_NAME, url, process: child, stop };
}

export async function startBare(databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/scripts/bench/bare-server.js'), String(port)],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PGAPPNAME: BARE_APP_NAME },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  const health = async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error('the bare server exited');
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the bare server did not start');
  };
  try {
    await health();
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: 'bare', appName: BARE_APP_NAME, url, process: child, stop };
}
