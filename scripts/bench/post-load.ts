// POST-LOAD HOOK. The generator writes the source tables with COPY, behind the application's back,
// so any read model the application keeps beside them (a per-practitioner public document, a
// search table not filled by a trigger, …) must be rebuilt afterwards. This file is the one place
// that does it, so a branch that adds a read model only has to provide its backfill:
//
//   1. a SQL function `register_entries_backfill()` (any return type), created by a migration, or
//   2. a module `dist/src/modules/register/read-model-backfill.js` exporting
//      `backfillReadModel(query: (sql: string, params?: unknown[]) => Promise<unknown[]>): Promise<void>`.
//
// Both are looked for only when the table `register_entries` exists; when it exists and neither
// is found, the load stops, because a benchmark against an empty read model would measure nothing.
import type pg from 'pg';

const READ_MODEL_TABLE = 'register_entries';
const BACKFILL_FUNCTION = 'register_entries_backfill';
const BACKFILL_MODULE = '../../src/modules/register/read-model-backfill.js';

type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

export async function runPostLoadHooks(
  client: pg.ClientBase,
  log: (line: string) => void,
): Promise<void> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [
    READ_MODEL_TABLE,
  ]);
  if (exists.rows[0]?.t === null) return;
  const started = Date.now();
  const fn = await client.query(
    `SELECT 1 FROM pg_proc WHERE proname = $1 AND pg_function_is_visible(oid)`,
    [BACKFILL_FUNCTION],
  );
  if (fn.rowCount) {
    log(`post-load: ${BACKFILL_FUNCTION}() fills ${READ_MODEL_TABLE}`);
    await client.query(`SELECT ${BACKFILL_FUNCTION}()`);
  } else {
    const backfill = await loadBackfillModule();
    if (!backfill) {
      throw new Error(
        `${READ_MODEL_TABLE} exists but neither ${BACKFILL_FUNCTION}() nor ${BACKFILL_MODULE} ` +
          'is there to fill it: see scripts/bench/post-load.ts',
      );
    }
    log(`post-load: backfillReadModel() fills ${READ_MODEL_TABLE}`);
    const query: Query = async (sql, params) =>
      (await client.query<Record<string, unknown>>(sql, params)).rows;
    await backfill(query);
  }
  log(`post-load: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function loadBackfillModule(): Promise<((query: Query) => Promise<void>) | null> {
  let loaded: unknown;
  try {
    loaded = await import(new URL(BACKFILL_MODULE, import.meta.url).href);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw error;
  }
  const fn = (loaded as { backfillReadModel?: unknown }).backfillReadModel;
  return typeof fn === 'function' ? (fn as (query: Query) => Promise<void>) : null;
}
