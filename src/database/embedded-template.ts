import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Both sit in dist/: the compiled migrations, and the template the build makes from them.
const MIGRATIONS_DIR = path.join(here, '../../migrations');
export const TEMPLATE_DIR = path.join(here, '../../embedded-template');
const MANIFEST = path.join(TEMPLATE_DIR, 'manifest.json');
const TEMPLATE_PGDATA = path.join(TEMPLATE_DIR, 'pgdata');

/**
 * What a template was made from: the PGlite build and every compiled migration. A template whose
 * key differs is ignored, so a stale one can only cost time, never give a database whose schema
 * disagrees with the code.
 */
export function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(pgliteVersion());
  for (const name of fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    hash.update(`\0${name}\0`);
    hash.update(fs.readFileSync(path.join(MIGRATIONS_DIR, name)));
  }
  return hash.digest('hex');
}

export function templateIsCurrent(key = templateKey()): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { key?: string };
    return manifest.key === key && fs.existsSync(path.join(TEMPLATE_PGDATA, 'PG_VERSION'));
  } catch {
    return false;
  }
}

/**
 * Creating a PostgreSQL cluster and migrating it takes seconds; copying a closed, migrated one
 * takes a fraction of one. Copies into a temporary sibling and renames, so a crash mid-copy never
 * leaves a half-made data directory that would later be opened as if whole. Synchronous on
 * purpose: on Node 20 `fs.promises.cp` of the template's ~1,200 files took 2-3 times the CPU of
 * `cpSync` (0.7-1.1 s against 0.2-0.4 s), more than overlapping it with module loading gains.
 */
export function copyTemplateTo(pgDataDir: string): boolean {
  if (fs.existsSync(pgDataDir) || !templateIsCurrent()) return false;
  const partial = `${pgDataDir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(TEMPLATE_PGDATA, partial, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
  fs.renameSync(partial, pgDataDir);
  return true;
}

/** Puts a closed, migrated data directory in place as the template, with the key it was made from. */
export function installTemplate(pgDataDir: string, key: string): void {
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  fs.renameSync(pgDataDir, TEMPLATE_PGDATA);
  fs.writeFileSync(MANIFEST, JSON.stringify({ key, madeAt: new Date().toISOString() }, null, 2));
}

function pgliteVersion(): string {
  // The package's exports hide its package.json: find it from the entry point.
  let dir = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
  return (
    JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }
  ).version;
}
