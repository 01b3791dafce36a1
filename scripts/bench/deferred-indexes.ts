// On a fresh load, building a secondary index once from sorted data is several times cheaper than
// updating it for every row (the trigram GIN index above all). So the plain (non-unique) indexes of
// the tables being loaded are dropped first and rebuilt at the end, two at a time. Unique indexes
// and constraints stay: they catch a generator bug and serve ON CONFLICT in triggers. Which indexes
// exist is read from the catalogue, so indexes that other branches add are handled the same way.
import type pg from 'pg';

export interface DeferredIndex {
  name: string;
  definition: string;
}

export async function dropPlainIndexes(
  client: pg.ClientBase,
  tables: readonly string[],
): Promise<DeferredIndex[]> {
  const found = await client.query<DeferredIndex>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
            pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE t.relname = ANY($1::text[]) AND n.nspname = current_schema()
        AND NOT i.indisunique AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY t.relname, c.relname`,
    [tables],
  );
  for (const index of found.rows) await client.query(`DROP INDEX ${index.name}`);
  return found.rows;
}

export async function rebuildIndexes(
  clients: readonly pg.ClientBase[],
  indexes: readonly DeferredIndex[],
  log: (line: string) => void,
): Promise<void> {
  const queue = [...indexes].reverse();
  await Promise.all(
    clients.map(async (client) => {
      await client.query(`SET maintenance_work_mem = '256MB'`);
      for (let next = queue.pop(); next; next = queue.pop()) {
        const started = Date.now();
        await client.query(next.definition);
        log(`  index ${next.name} rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
}
