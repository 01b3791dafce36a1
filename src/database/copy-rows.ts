import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

// COPY needs a PostgreSQL server of its own: the embedded database's socket server speaks the
// simple and extended protocols only, so there the callers keep their unnest() inserts.
let enabled = false;
// Below this many rows an unnest() insert costs no more, and one issued credential or one
// receipt keeps its single statement.
const MIN_ROWS = 50;

/** Called once at start, with whether the database is a PostgreSQL server of its own. */
export function useCopy(on: boolean): void {
  enabled = on;
}

/** Whether `copyRows` may write these rows: a server database, a transaction, and enough rows. */
export function canCopy(m: EntityManager, rows: number): boolean {
  return enabled && rows >= MIN_ROWS && m.queryRunner?.isTransactionActive === true;
}

export type CopyCell = string | number | Date | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const escapeText = (value: string): string =>
  SPECIAL.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;

const cellText = (cell: CopyCell): string =>
  cell === null || cell === undefined
    ? '\\N'
    : cell instanceof Date
      ? cell.toISOString()
      : escapeText(String(cell));

/**
 * Writes rows with `COPY … FROM STDIN` (text format) on the transaction's own connection: the
 * server parses plain text lines instead of one array literal per column, and the app builds one
 * string instead of an array per column that `pg` then escapes element by element. Rows go in in
 * the order given, so serial defaults follow it. Counted like any query (x-db-queries).
 */
export async function copyRows(
  m: EntityManager,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyCell[]>,
): Promise<void> {
  const runner = m.queryRunner;
  if (!runner) throw new Error('copyRows needs a transaction.');
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  runner.connection.logger.logQuery(sql, undefined, runner);
  const client = (await runner.connect()) as pg.PoolClient;
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(cellText).join('\t'));
  lines.push('');
  await pipeline(Readable.from([Buffer.from(lines.join('\n'))]), client.query(copyFrom(sql)));
}
