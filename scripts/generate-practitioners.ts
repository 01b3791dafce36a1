// Fills the database at DATABASE_URL with N practitioners (default 100000), each with a register
// entry, a few credentials from a handful of issuers, and some appointments, for load tests.
// Usage: npm run build && DATABASE_URL=postgres://… node dist/scripts/generate-practitioners.js [N]
// The schema must exist (start the app once, or run the migrations). Rows go in with multi-row
// INSERT … SELECT FROM unnest(…) in batches; the register search trigger indexes each name.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { formatRegisterNumber } from '../src/modules/practitioners/register-number.js';
import { rebuildStaleEntries } from '../src/modules/register/rebuild-entries.js';
import { pgRunner } from '../src/modules/register/register-facts.repository.js';

const GIVEN = [
  'Alex',
  'Sam',
  'Priya',
  'José',
  'Zoë',
  'Mohammed',
  'Siobhán',
  'Chloé',
  'Oluwaseun',
  'Mei',
  'Jan',
  'Ana',
  'Björn',
  'Fatima',
  'Liam',
  'Noah',
  'Olivia',
  'Amélie',
  'Rhys',
  'Aoife',
];
const FAMILY = [
  'Smith',
  'Jones',
  'Williams',
  'Brown',
  'Taylor',
  'Davies',
  'Evans',
  'Müller',
  'Østergaard',
  'Nowak',
  'Khan',
  'Patel',
  'Okafor',
  'Ní Bhriain',
  "O'Neill",
  'García',
  'Chen',
  'Wright',
  'Hughes',
  'Edwards',
];
const ISSUERS = [
  'University of Northshire',
  'Southshire University',
  'NHS Digital Academy',
  'Faculty of Clinical Informatics',
  'BCS, The Chartered Institute for IT',
];
const ROLES = ['CIO', 'CCIO', 'CNIO', 'CDO', 'CTO'];
const BATCH = 5000;

// Deterministic, so two runs of the same size give comparable data.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const date = (fromYear: number, span: number) =>
  `${fromYear + Math.floor(random() * span)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to the database to fill.');
  const total = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(total) || total < 1) throw new Error('N must be a whole number from 1.');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const issuerIds: string[] = [];
  for (const name of ISSUERS) {
    const id = randomUUID();
    await client.query(`INSERT INTO issuers (id, name, kind) VALUES ($1, $2, 'university')`, [
      id,
      `${name} ${id.slice(0, 4)}`,
    ]);
    issuerIds.push(id);
  }
  const [{ n }] = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM practitioners`))
    .rows;
  const firstBody = 1_000_000 + Number(n) * 7 + Math.floor(random() * 1000);
  for (let offset = 0; offset < total; offset += BATCH) {
    const size = Math.min(BATCH, total - offset);
    const p = {
      id: [] as string[],
      number: [] as string[],
      given: [] as string[],
      family: [] as string[],
      former: [] as string[],
      dob: [] as string[],
      email: [] as string[],
    };
    const c = {
      id: [] as string[],
      practitioner: [] as string[],
      issuer: [] as string[],
      body: [] as string[],
      kind: [] as string[],
      title: [] as string[],
      level: [] as (number | null)[],
      result: [] as (string | null)[],
      awarded: [] as string[],
    };
    const a = { practitioner: [] as string[], role: [] as string[], start: [] as string[] };
    for (let i = 0; i < size; i++) {
      const id = randomUUID();
      const body = firstBody + (offset + i) * 7;
      if (body > 9_999_999) throw new Error('Out of register numbers for this many practitioners.');
      p.id.push(id);
      p.number.push(formatRegisterNumber(String(body)));
      p.given.push(pick(GIVEN));
      const family = `${pick(FAMILY)}${random() < 0.3 ? `-${pick(FAMILY)}` : ''}`;
      p.family.push(family);
      p.former.push(random() < 0.1 ? `${pick(GIVEN)} ${pick(FAMILY)}` : '');
      p.dob.push(date(1955, 40));
      p.email.push(`p${offset + i}-${id.slice(0, 8)}@generated.test`);
      const credentials = 1 + Math.floor(random() * 3);
      for (let k = 0; k < credentials; k++) {
        const issuer = Math.floor(random() * issuerIds.length);
        const degree = k === 0;
        c.id.push(randomUUID());
        c.practitioner.push(id);
        c.issuer.push(issuerIds[issuer]);
        c.body.push(ISSUERS[issuer]);
        c.kind.push(degree ? 'degree' : 'certificate');
        c.title.push(
          degree
            ? pick(['BSc Computer Science', 'MSc Health Informatics', 'MBA', 'BA History'])
            : 'Digital Leadership Certificate',
        );
        c.level.push(degree ? pick([6, 7]) : null);
        c.result.push(degree ? pick(['2:1', '2:2', 'First', 'Merit', 'Distinction']) : null);
        c.awarded.push(date(1990, 30));
      }
      if (random() < 0.3) {
        a.practitioner.push(id);
        a.role.push(pick(ROLES));
        a.start.push(date(2015, 10));
      }
    }
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO practitioners (id, register_number, given_name, family_name, former_names, visibility, date_of_birth, email)
       SELECT t.id, t.n, t.g, t.f, CASE WHEN t.fo = '' THEN '{}'::text[] ELSE ARRAY[t.fo] END,
              jsonb_build_object('listed', true, 'formerNames', t.fo <> '', 'appointments', true, 'professionalRegistrations', true),
              t.d, t.e
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[]) AS t(id, n, g, f, fo, d, e)`,
      [p.id, p.number, p.given, p.family, p.former, p.dob, p.email],
    );
    await client.query(
      `INSERT INTO practitioner_status_changes (practitioner_id, to_status, reason, changed_at)
       SELECT id, 'registered', 'Entered on the register', now() - interval '400 days' FROM unnest($1::uuid[]) AS t(id)`,
      [p.id],
    );
    await client.query(
      `INSERT INTO credentials (id, practitioner_id, issuer_id, awarding_body, kind, title, level, result, awarded_on, provenance, version, created_at)
       SELECT id, pr, iss, body, kind, title, lvl, res, aw, 'issued', 1, now() - interval '300 days'
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::smallint[], $8::text[], $9::date[])
           AS t(id, pr, iss, body, kind, title, lvl, res, aw)`,
      [c.id, c.practitioner, c.issuer, c.body, c.kind, c.title, c.level, c.result, c.awarded],
    );
    await client.query(
      `INSERT INTO credential_status_changes (credential_id, to_status, action, actor_type, changed_at)
       SELECT id, 'active', 'issue', 'system', now() - interval '300 days' FROM unnest($1::uuid[]) AS t(id)`,
      [c.id],
    );
    await client.query(
      `INSERT INTO role_appointments (practitioner_id, role_code, organisation, start_date)
       SELECT pr, role, 'Generated NHS Trust', st FROM unnest($1::uuid[], $2::text[], $3::date[]) AS t(pr, role, st)`,
      [a.practitioner, a.role, a.start],
    );
    await client.query('COMMIT');
    process.stdout.write(`\r${offset + size} / ${total} practitioners`);
  }
  // The rows went in behind the app's back: build their public register entries now.
  await client.query('ANALYZE');
  await rebuildStaleEntries(pgRunner(client), (built) =>
    process.stdout.write(`\r${built} register entries built`),
  );
  await client.query('ANALYZE');
  await client.end();
  process.stdout.write(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
