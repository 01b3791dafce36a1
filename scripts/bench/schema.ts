// Brings a scratch database to the current schema with the app's own migrations (compiled ones,
// through the TypeORM CLI and the app's data source), so the bench never needs the app running.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function migrate(url: string): void {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/typeorm/cli.js'),
      '-d',
      path.join(root, 'dist/src/database/data-source.js'),
      'migration:run',
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`migrations failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Refuses any database whose name does not say it is for benchmarks or tests. */
export function scratchDatabaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/bench|test/i.test(name)) {
    throw new Error(
      `Refusing to fill "${name}": the database name must contain "bench" or "test".`,
    );
  }
  return name;
}

/** Creates the database if it is missing (through the server's `postgres` database). */
export async function ensureDatabase(url: string, fresh: boolean): Promise<void> {
  const name = scratchDatabaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = scratchDatabaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
