// The second half of `npm run build`, after the incremental compile:
// 1. removes compiled files whose source is gone, since dist/ is no longer wiped on each build and a
//    stale dist/migrations/*.js would otherwise still run;
// 2. bundles the app for `npm start` when its compiled files changed (scripts/bundle-app.ts);
// 3. makes the embedded database template (a migrated PGlite data directory) when the migrations
//    or PGlite changed, so a first start copies it instead of creating and migrating a cluster.
// Usage: node dist/scripts/prepare-dist.js [--no-template]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { bundleApp } from './bundle-app.js';
import { buildDataSourceOptions } from '../src/database/data-source-options.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import {
  installTemplate,
  templateIsCurrent,
  templateKey,
} from '../src/database/embedded-template.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(dist, '..');

function pruneStale(): number {
  let removed = 0;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(file);
        if (fs.readdirSync(file).length === 0) fs.rmdirSync(file);
        continue;
      }
      const compiled = /\.js(\.map)?$/.exec(entry.name);
      if (!compiled) continue;
      const source = path.join(root, path.relative(dist, file)).replace(/\.js(\.map)?$/, '.ts');
      if (!fs.existsSync(source)) {
        fs.rmSync(file);
        removed++;
      }
    }
  };
  for (const top of ['src', 'migrations', 'scripts']) {
    if (fs.existsSync(path.join(dist, top))) walk(path.join(dist, top));
  }
  return removed;
}

async function makeTemplate(): Promise<void> {
  const key = templateKey();
  if (templateIsCurrent(key)) return;
  const started = Date.now();
  // Inside dist/, so the finished directory is renamed into place, not copied across file systems.
  const work = fs.mkdtempSync(path.join(dist, '.template-work-'));
  const embedded = new EmbeddedPostgres(work, 4);
  try {
    const target = await embedded.start();
    const dataSource = new DataSource({ ...buildDataSourceOptions(target, 2), logging: false });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.query('CHECKPOINT');
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await embedded.stop();
  }
  installTemplate(path.join(work, 'pgdata'), key);
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`prepare-dist: embedded database template made in ${Date.now() - started} ms`);
}

const removed = pruneStale();
if (removed > 0)
  console.log(`prepare-dist: removed ${removed} compiled files whose source is gone`);
{
  const started = Date.now();
  if (await bundleApp(dist, root))
    console.log(`prepare-dist: app bundled for npm start in ${Date.now() - started} ms`);
}
if (!process.argv.includes('--no-template')) await makeTemplate();
