// Boots the built registry on a throwaway embedded database, fetches the OpenAPI document it serves
// at /api/docs-json (built on first request) and writes it to a file. Offline; no server needed.
// Usage: node dist/scripts/export-openapi.js <out.json>
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { APP_ENTRY } from './app-entry.js';

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

async function fetchDocument(base: string, exited: () => boolean): Promise<string> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (exited()) throw new Error('The app exited before serving its OpenAPI document.');
    try {
      const res = await fetch(`${base}/api/docs-json`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return await res.text();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The app did not serve /api/docs-json in time.');
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('Usage: export-openapi <out.json>');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-openapi-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.DATABASE_REPLICA_URLS;
  const app = spawn(process.execPath, [APP_ENTRY], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  app.once('exit', () => (exited = true));
  try {
    const document = await fetchDocument(`http://127.0.0.1:${port}`, () => exited);
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(JSON.parse(document), null, 2)}\n`);
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
