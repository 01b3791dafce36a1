import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb, db } from '../support/app.js';

// A first embedded start copies dist/embedded-template (made by the build from the migrations)
// instead of migrating. This compares that template's schema with the test database, which the
// app migrated itself (on the PostgreSQL server in CI): tables, columns, indexes, constraints,
// triggers, the app's functions and the applied migrations must be the same.
const SCHEMA = `
SELECT 'column' AS kind, table_name || '.' || column_name AS name,
       data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS def
  FROM information_schema.columns WHERE table_schema = 'public'
UNION ALL
SELECT 'index', tablename || '.' || indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
UNION ALL
SELECT 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
  FROM pg_constraint
 WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u', 'c', 'x')
UNION ALL
SELECT 'trigger', tgrelid::regclass::text || '.' || tgname, pg_get_triggerdef(oid)
  FROM pg_trigger WHERE NOT tgisinternal
UNION ALL
SELECT 'function', p.proname, md5(p.prosrc) FROM pg_proc p
 WHERE p.pronamespace = 'public'::regnamespace
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'migration', name, timestamp::text FROM migrations
ORDER BY 1, 2`;

type Row = { kind: string; name: string; def: string };
const lines = (rows: Row[]) => rows.map((r) => `${r.kind} ${r.name}: ${r.def}`);

const template = path.join(process.env.TEST_DIST ?? 'dist', 'embedded-template', 'pgdata');

(fs.existsSync(template) ? describe : describe.skip)('The embedded database template', () => {
  let dir: string;
  let pglite: PGlite | undefined;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-template-'));
    fs.cpSync(template, path.join(dir, 'pgdata'), { recursive: true });
  });

  afterAll(async () => {
    await pglite?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await closeDb();
  });

  it('should hold exactly the schema the migrations make', async () => {
    pglite = await PGlite.create(path.join(dir, 'pgdata'), { extensions: { pg_trgm, unaccent } });
    const fromTemplate = lines((await pglite.query<Row>(SCHEMA)).rows);
    const migrated = lines((await db().query<Row>(SCHEMA)).rows);
    expect(fromTemplate.length).toBeGreaterThan(300);
    expect(fromTemplate).toEqual(migrated);
  }, 60_000);
});
