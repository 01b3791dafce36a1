// The requests of the load benchmark and the pools of real inputs they draw from. Inputs are read
// from the database once, before the run (a deterministic sample), so every request asks about
// someone who exists and the two servers are asked the same mix of questions.
import type pg from 'pg';

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface Scenario {
  name: string;
  /** What the figure is compared with in issue 8/9 targets, for the report. */
  kind: 'entry' | 'search' | 'lookup' | 'check' | 'trust';
  next: () => BenchRequest;
}

export interface Pools {
  entries: string[];
  entriesAt: { number: string; at: string }[];
  commonNames: string[];
  rareNames: string[];
  typos: string[];
  formerNames: string[];
  searchNumbers: string[];
  gmcNumbers: string[];
  claims: unknown[];
  statusLists: string[];
}

// A fixed-order sample: md5 of the id with a salt, so the same database gives the same inputs.
const SAMPLE = (salt: string) => `md5(p.id::text || '${salt}')`;

export async function samplePools(client: pg.ClientBase, size: number): Promise<Pools> {
  const column = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await client.query<{ v: T }>(sql, params)).rows.map((r) => r.v);
  const entries = await column<string>(
    `SELECT p.register_number AS v FROM practitioners p ORDER BY ${SAMPLE('entry')} LIMIT $1`,
    [size],
  );
  const entriesAt = (
    await client.query<{ number: string; at: string }>(
      `SELECT p.register_number AS number,
              to_char(p.created_at + (now() - p.created_at) * (('x' || substr(md5(p.id::text), 1, 8))::bit(32)::bigint / 4294967296.0), 'YYYY-MM-DD') AS at
         FROM practitioners p ORDER BY ${SAMPLE('at')} LIMIT $1`,
      [size],
    )
  ).rows.filter((r) => r.at < new Date().toISOString().slice(0, 10));
  const listed = `(p.visibility->>'listed')::boolean`;
  const commonNames = await column<string>(
    `SELECT lower(family_name) AS v FROM practitioners p WHERE ${listed}
      GROUP BY family_name ORDER BY count(*) DESC, family_name LIMIT 20`,
  );
  // A rare name is a full name whose family name few people hold. Family names held by three or
  // fewer are all double-barrelled pairs of ordinary names (each half common), so the rare ones
  // are single family names from the tail: held by 20 people or fewer in a million.
  const rareNames = await column<string>(
    `SELECT p.given_name || ' ' || p.family_name AS v
       FROM practitioners p
       JOIN (SELECT family_name FROM practitioners WHERE family_name !~ '[- ]'
              GROUP BY family_name HAVING count(*) <= 20) r
         ON r.family_name = p.family_name
      WHERE ${listed} ORDER BY ${SAMPLE('rare')} LIMIT $1`,
    [Math.min(size, 500)],
  );
  const typoSource = await column<string>(
    `SELECT p.given_name || ' ' || p.family_name AS v FROM practitioners p WHERE ${listed}
      ORDER BY ${SAMPLE('typo')} LIMIT $1`,
    [Math.min(size, 500)],
  );
  const formerNames = await column<string>(
    `SELECT p.former_names[1] AS v FROM practitioners p
      WHERE ${listed} AND (p.visibility->>'formerNames')::boolean AND cardinality(p.former_names) > 0
      ORDER BY ${SAMPLE('former')} LIMIT $1`,
    [Math.min(size, 500)],
  );
  const searchNumbers = await column<string>(
    `SELECT p.register_number AS v FROM practitioners p WHERE ${listed}
      ORDER BY ${SAMPLE('number')} LIMIT $1`,
    [size],
  );
  const gmcNumbers = await column<string>(
    `SELECT r.number AS v FROM professional_registrations r JOIN practitioners p ON p.id = r.practitioner_id
      WHERE r.body = 'GMC' AND ${listed} AND (p.visibility->>'professionalRegistrations')::boolean
      ORDER BY ${SAMPLE('gmc')} LIMIT $1`,
    [Math.min(size, 500)],
  );
  const claims = (
    await client.query<{ v: unknown }>(
      `SELECT json_build_object('registerNumber', p.register_number,
                'claim', json_strip_nulls(json_build_object('kind', c.kind, 'title', c.title,
                  'awardingBody', c.awarding_body, 'level', c.level, 'result', c.result,
                  'awardedYear', extract(year FROM c.awarded_on)::int))) AS v
         FROM credentials c JOIN practitioners p ON p.id = c.practitioner_id
        ORDER BY md5(c.id::text || 'claim') LIMIT $1`,
      [size],
    )
  ).rows.map((r) => r.v);
  const statusLists = await column<string>(
    `SELECT id::text AS v FROM status_lists ORDER BY md5(id::text) LIMIT 20`,
  );
  return {
    entries,
    entriesAt,
    commonNames,
    rareNames,
    typos: typoSource.map(typo),
    formerNames,
    searchNumbers,
    gmcNumbers,
    claims,
    statusLists,
  };
}

/** One slip a person makes typing a name: two letters swapped, one dropped, or the accents left out. */
export function typo(name: string): string {
  const plain = name.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  const at = Math.max(1, Math.floor(plain.length / 2));
  switch (name.length % 3) {
    case 0:
      return `${plain.slice(0, at - 1)}${plain[at]}${plain[at - 1]}${plain.slice(at + 1)}`;
    case 1:
      return `${plain.slice(0, at)}${plain.slice(at + 1)}`;
    default:
      return plain;
  }
}

export function buildScenarios(pools: Pools): Scenario[] {
  let i = 0;
  // A shared counter walks each pool: deterministic, and every input gets its turn.
  const take = <T>(pool: readonly T[]): T => pool[(i += 1) % pool.length];
  const search = (q: string): BenchRequest => ({
    method: 'GET',
    path: `/api/v1/register?q=${encodeURIComponent(q)}`,
  });
  const all: (Scenario & { pool: readonly unknown[] })[] = [
    {
      name: 'entry',
      kind: 'entry',
      pool: pools.entries,
      next: () => ({ method: 'GET', path: `/api/v1/register/${take(pools.entries)}` }),
    },
    {
      name: 'entry ?at=',
      kind: 'entry',
      pool: pools.entriesAt,
      next: () => {
        const { number, at } = take(pools.entriesAt);
        return { method: 'GET', path: `/api/v1/register/${number}?at=${at}` };
      },
    },
    {
      name: 'search: common name',
      kind: 'search',
      pool: pools.commonNames,
      next: () => search(take(pools.commonNames)),
    },
    {
      name: 'search: rare name',
      kind: 'search',
      pool: pools.rareNames,
      next: () => search(take(pools.rareNames)),
    },
    {
      name: 'search: typo',
      kind: 'search',
      pool: pools.typos,
      next: () => search(take(pools.typos)),
    },
    {
      name: 'search: former name',
      kind: 'search',
      pool: pools.formerNames,
      next: () => search(take(pools.formerNames)),
    },
    {
      name: 'search: register number',
      kind: 'lookup',
      pool: pools.searchNumbers,
      next: () => search(take(pools.searchNumbers)),
    },
    {
      name: 'search: GMC number',
      kind: 'lookup',
      pool: pools.gmcNumbers,
      next: () => search(take(pools.gmcNumbers)),
    },
    {
      name: 'claim check',
      kind: 'check',
      pool: pools.claims,
      next: () => ({
        method: 'POST',
        path: '/api/v1/verifications',
        body: JSON.stringify(take(pools.claims)),
      }),
    },
    {
      name: 'JWKS',
      kind: 'trust',
      pool: [1],
      next: () => ({ method: 'GET', path: '/.well-known/jwks.json' }),
    },
    {
      name: 'status list',
      kind: 'trust',
      pool: pools.statusLists,
      next: () => ({ method: 'GET', path: `/api/v1/status-lists/${take(pools.statusLists)}` }),
    },
  ];
  const empty = all.filter((s) => s.pool.length === 0).map((s) => s.name);
  if (empty.length > 0) throw new Error(`No inputs in the database for: ${empty.join(', ')}`);
  return all.map(({ name, kind, next }) => ({ name, kind, next }));
}
