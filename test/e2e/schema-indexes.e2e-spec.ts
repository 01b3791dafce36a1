import type { PoolClient } from 'pg';
import { FLAGGED_CREDENTIALS_SQL } from '../../src/modules/trust/flagged-credentials.js';
import { closeDb, db } from '../support/app.js';

// Columns that name another row but are never looked up by on their own, each with its reason.
// Everything else that points at a row is indexed; adding here needs a reason as good.
const NOT_LOOKED_UP_BY = new Map([
  ['audit_events.actor_id', 'who did it: written, read only with its event'],
  ['audit_queue.actor_id', 'who did it: the queue is read only in queued order, then emptied'],
  ['verification_receipts.audit_entry_id', "the receipt finds its leaf by the entry's own key"],
  ['credential_status_changes.actor_id', 'who did it: written, read only with its change'],
  ['register_lookups.user_id', 'who looked: shown only with the lookup'],
  ['share_code_uses.user_id', 'who used the code: shown only with the use'],
  ['verification_receipts.user_id', 'who checked: shown only with the receipt'],
  ['outbox_events.subject_id', 'events are read in seq order, never by subject'],
  ['webhook_deliveries.event_id', 'unique with its watch list, which leads that index'],
]);

interface Unindexed {
  table: string;
  columns: string[];
}

/** Columns that no index of their table starts with (in any order of those leading columns). */
async function unindexed(
  candidates: string,
  runner: Pick<PoolClient, 'query'> = db(),
): Promise<Unindexed[]> {
  const { rows } = await runner.query<{ table: string; columns: string[] }>(
    `WITH candidates AS (${candidates})
     SELECT c.relname AS table, array_agg(a.attname ORDER BY a.attnum)::text[] AS columns
       FROM candidates k
       JOIN pg_class c ON c.oid = k.relid
       JOIN pg_attribute a ON a.attrelid = k.relid AND a.attnum = ANY (k.cols)
      WHERE NOT EXISTS (
              SELECT 1 FROM pg_index i
               WHERE i.indrelid = k.relid
                 AND (SELECT array_agg(x ORDER BY x) FROM unnest(k.cols) x) =
                     (SELECT array_agg(x ORDER BY x)
                        FROM unnest((i.indkey::int2[])[0:cardinality(k.cols) - 1]) x))
      GROUP BY c.relname, k.cols`,
  );
  return rows;
}

describe('Schema indexes', () => {
  afterAll(closeDb);

  it('should index every declared foreign key by its leading columns', async () => {
    const missing = await unindexed(
      `SELECT con.conrelid AS relid, con.conkey AS cols
         FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
        WHERE con.contype = 'f' AND n.nspname = current_schema()`,
    );
    expect(missing).toEqual([]);
  });

  it('should index every column that points at another row by its name (x_id uuid)', async () => {
    // Most references here are plain uuid columns without a constraint: find them by convention.
    // A polymorphic owner (owner_type, owner_id) is served by an index led by its type column.
    const missing = await unindexed(
      `SELECT a.attrelid AS relid,
              CASE WHEN t.attnum IS NULL THEN ARRAY[a.attnum] ELSE ARRAY[t.attnum, a.attnum] END::int2[] AS cols
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
         LEFT JOIN pg_attribute t ON t.attrelid = a.attrelid AND NOT t.attisdropped
              AND t.attname = regexp_replace(a.attname, '_id$', '_type')
        WHERE a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'uuid'::regtype
          AND a.attname LIKE '%\\_id'
          AND NOT (c.relname || '.' || a.attname = ANY (ARRAY[${[...NOT_LOOKED_UP_BY.keys()]
            .map((r) => `'${r}'`)
            .join(', ')}]::text[]))`,
    );
    expect(missing).toEqual([]);
  });

  it('should notice a missing index (the check can fail)', async () => {
    const client = await db().connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TABLE index_probe (id uuid PRIMARY KEY, practitioner_id uuid)');
      const missing = await unindexed(
        `SELECT a.attrelid AS relid, ARRAY[a.attnum]::int2[] AS cols FROM pg_attribute a
          WHERE a.attrelid = 'index_probe'::regclass AND a.attname = 'practitioner_id'`,
        client,
      );
      expect(missing).toEqual([{ table: 'index_probe', columns: ['practitioner_id'] }]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('should sign a status list from its flagged credentials alone, by the partial index', async () => {
    // At 1,000,000 practitioners a list holds ~100,000 credentials and 1–2% are flagged: reading
    // them all by the unique (list, index) index took 0.9 s on each first read after a change.
    const client = await db().connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      for (const sql of Object.values(FLAGGED_CREDENTIALS_SQL)) {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [
          '00000000-0000-0000-0000-000000000000',
        ]);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).toContain('ix_credentials_status_list_flagged');
        expect(plan).not.toMatch(/Filter:/);
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
