// The bare baseline of the load benchmark: Fastify + a `pg` Pool, no Nest, no ORM, one
// hand-written (prepared) query per request, on the same database and the same paths as the registry. It
// answers the same questions with less: no standings, no rate limits, no audit entry. What the
// registry costs beyond it is what the ratio in docs/PERFORMANCE.md shows.
// Usage: DATABASE_URL=… node dist/scripts/bench/bare-server.js [port]   (prints "listening <port>")
import canonicalize from 'canonicalize';
import Fastify, { type FastifyInstance } from 'fastify';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import pg from 'pg';

const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const REGISTER_NUMBER = /^DL[0-9]{8}$/;
const GMC = /^[0-9]{7}$/;

const CREDENTIAL_JSON = `json_build_object('kind', c.kind, 'title', c.title, 'subject', c.subject,
  'level', c.level, 'result', c.result, 'awardingBody', c.awarding_body, 'awardedOn', c.awarded_on,
  'validUntil', c.valid_until, 'status', CASE WHEN s.status = 'active' AND c.valid_until < $2::date
  THEN 'expired' ELSE s.status END, 'provenance', c.provenance)`;

/** The entry as it stood at $3 (an instant) on day $2: today's answer is the same query at now(). */
const ENTRY_SQL = `
SELECT json_build_object(
  'registerNumber', p.register_number, 'givenName', p.given_name, 'familyName', p.family_name,
  'formerNames', CASE WHEN (p.visibility->>'formerNames')::boolean THEN p.former_names ELSE '{}' END,
  'asOf', $2::date,
  'registerStatus', (SELECT h.to_status FROM practitioner_status_changes h
                      WHERE h.practitioner_id = p.id AND h.changed_at <= $3
                      ORDER BY h.changed_at DESC LIMIT 1),
  'statusHistory', (SELECT coalesce(json_agg(json_build_object('status', h.to_status,
                      'conditions', h.conditions, 'from', h.changed_at) ORDER BY h.changed_at), '[]')
                      FROM practitioner_status_changes h
                     WHERE h.practitioner_id = p.id AND h.changed_at <= $3),
  'credentials', (SELECT coalesce(json_agg(${CREDENTIAL_JSON} ORDER BY c.awarded_on), '[]')
                    FROM credentials c
                   CROSS JOIN LATERAL (SELECT coalesce((SELECT x.to_status FROM credential_status_changes x
                      WHERE x.credential_id = c.id AND x.changed_at <= $3
                      ORDER BY x.changed_at DESC LIMIT 1), c.status) AS status) s
                   WHERE c.practitioner_id = p.id AND c.created_at <= $3),
  'pendingClaims', (SELECT coalesce(json_agg(json_build_object('kind', k.kind, 'title', k.title,
                      'awardingBody', k.awarding_body, 'awardedOn', k.awarded_on)), '[]')
                      FROM claims k
                     WHERE k.practitioner_id = p.id AND k.created_at <= $3
                       AND (k.status = 'pending' OR (k.decided_at > $3 AND k.status <> 'withdrawn'))),
  'appointments', CASE WHEN (p.visibility->>'appointments')::boolean THEN
                    (SELECT coalesce(json_agg(json_build_object('role', a.role_code,
                      'organisation', a.organisation, 'from', a.start_date)), '[]')
                       FROM role_appointments a WHERE a.practitioner_id = p.id
                        AND a.start_date <= $2::date AND (a.end_date IS NULL OR a.end_date >= $2::date))
                  ELSE '[]' END,
  'professionalRegistrations', CASE WHEN (p.visibility->>'professionalRegistrations')::boolean THEN
                    (SELECT coalesce(json_agg(json_build_object('body', r.body, 'number', r.number,
                      'current', r.current)), '[]')
                       FROM professional_registrations r WHERE r.practitioner_id = p.id)
                  ELSE '[]' END) AS entry
  FROM practitioners p WHERE p.register_number = $1`;

const SUMMARY = `p.register_number AS "registerNumber", p.given_name AS "givenName",
  p.family_name AS "familyName", p.register_status AS "registerStatus",
  CASE WHEN (p.visibility->>'formerNames')::boolean THEN p.former_names ELSE '{}' END AS "formerNames"`;

// Name search, hand-written on the same tables as the registry's: each typed word is mapped to the
// real words it may mean through the word dictionary (registry_word_matches: itself, one slip
// away, or close in trigrams), then
// - one word: the holders of each meaning in holder order, best meaning first, top 20;
// - several words: everyone holding some meaning of every word, from the GIN index over the words
//   of each listed name (at most 1,000), ranked by how well their words match, top 20.
// A top-20 trigram KNN over whole names (what this baseline did before) does not answer a
// multi-word query at 1M in seconds, so it was no baseline for those rows. This does what the
// registry's search does, as two plain statements: no total, no former-name marking, no dedupe.
const ONE_WORD_SEARCH_SQL = `
SELECT ${SUMMARY}
  FROM (SELECT m.score, h.practitioner_id
          FROM registry_word_matches(registry_fold($1), 8) m
         CROSS JOIN LATERAL (SELECT p.practitioner_id FROM register_name_postings p
                              WHERE p.word = m.word ORDER BY p.practitioner_id LIMIT 20) h
         ORDER BY m.score DESC, m.word, h.practitioner_id LIMIT 20) s
  JOIN practitioners p ON p.id = s.practitioner_id
 ORDER BY s.score DESC, p.id`;

const WORDS_SEARCH_SQL = `
WITH m AS MATERIALIZED (
       SELECT t.ord, x.word, x.score
         FROM unnest(string_to_array(registry_fold($1), ' ')) WITH ORDINALITY t(term, ord)
        CROSS JOIN LATERAL registry_word_matches(t.term, 8) x),
     q AS (SELECT string_agg('(' || a.alternatives || ')', ' & ')::tsquery AS words
             FROM (SELECT string_agg(quote_literal(m.word), ' | ') AS alternatives FROM m GROUP BY m.ord) a),
     c AS (SELECT s.practitioner_id, string_to_array(s.search_text, ' ') AS words
             FROM q, register_search_entries s
            WHERE s.listed AND to_tsvector('simple', s.search_text) @@ q.words LIMIT 1000),
     r AS (SELECT c.practitioner_id, sum(b.best) AS score
             FROM c CROSS JOIN LATERAL (SELECT max(m.score) AS best FROM m WHERE m.word = ANY (c.words)
                                         GROUP BY m.ord) b
            GROUP BY c.practitioner_id
            ORDER BY score DESC, c.practitioner_id LIMIT 20)
SELECT ${SUMMARY}
  FROM r JOIN practitioners p ON p.id = r.practitioner_id
 ORDER BY r.score DESC, p.id`;

const NUMBER_SEARCH_SQL = `SELECT ${SUMMARY} FROM practitioners p WHERE p.register_number = $1`;

const GMC_SEARCH_SQL = `
SELECT ${SUMMARY}
  FROM professional_registrations r JOIN practitioners p ON p.id = r.practitioner_id
 WHERE r.body = 'GMC' AND r.number = $1 AND (p.visibility->>'professionalRegistrations')::boolean`;

const CHECK_READ_SQL = `
SELECT p.given_name, p.family_name,
       coalesce(json_agg(json_build_object('title', c.title, 'awardingBody', c.awarding_body,
         'kind', c.kind, 'status', CASE WHEN c.status = 'active' AND c.valid_until < current_date
         THEN 'expired' ELSE c.status END)) FILTER (WHERE c.id IS NOT NULL), '[]') AS credentials
  FROM practitioners p LEFT JOIN credentials c ON c.practitioner_id = p.id
 WHERE p.register_number = $1
 GROUP BY p.id`;

const RECEIPT_INSERT_SQL = `
INSERT INTO bench_receipts (reference, register_number, outcome, document, signature)
VALUES ($1, $2, $3, $4, $5)`;

const STATUS_LIST_SQL = `
SELECT id, purpose, owner_type AS "ownerType", owner_id AS "ownerId", pair_id AS "pairId", size,
       allocated, created_at AS "createdAt"
  FROM status_lists WHERE id = $1`;

interface ClaimBody {
  registerNumber?: string;
  claim?: { kind?: string; title?: string; awardingBody?: string };
}

interface CheckRow {
  given_name: string;
  family_name: string;
  credentials: { title: string; awardingBody: string; kind: string; status: string }[];
}

/** Tables and indexes the bare server needs that the app's schema may lack; returns the indexes
 *  the bench has added to the app's tables (now or on an earlier run), for the report. */
export async function prepareBaseline(client: pg.ClientBase): Promise<string[]> {
  const made: string[] = [];
  await client.query(`CREATE TABLE IF NOT EXISTS bench_receipts (
    id bigserial PRIMARY KEY, reference text NOT NULL UNIQUE, register_number text NOT NULL,
    outcome text NOT NULL, document jsonb NOT NULL, signature text NOT NULL,
    checked_at timestamptz NOT NULL DEFAULT now())`);
  for (const table of ['role_appointments', 'professional_registrations']) {
    const indexed = await client.query(
      `SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = $1::regclass AND a.attname = 'practitioner_id'`,
      [table],
    );
    if (!indexed.rowCount) {
      await client.query(`CREATE INDEX bench_${table}_practitioner ON ${table} (practitioner_id)`);
      made.push(`bench_${table}_practitioner (btree on ${table}.practitioner_id)`);
    }
  }
  if (made.length) await client.query('ANALYZE');
  const present = await client.query<{ name: string; tablename: string; definition: string }>(
    `SELECT indexname AS name, tablename, indexdef AS definition FROM pg_indexes
      WHERE schemaname = current_schema() AND indexname LIKE 'bench\\_%'
        AND tablename <> 'bench_receipts' ORDER BY indexname`,
  );
  return present.rows.map(
    (r) => `${r.name} on ${r.tablename} ${r.definition.replace(/^.* USING /, '')}`,
  );
}

export function buildBareServer(pool: pg.Pool): FastifyInstance {
  const app = Fastify({ logger: false });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid: 'bench-bare',
    alg: 'EdDSA',
    use: 'sig',
  };
  const jwks = JSON.stringify({ keys: [jwk] });

  app.get<{ Params: { n: string }; Querystring: { at?: string } }>(
    '/api/v1/register/:n',
    async (request, reply) => {
      const at = request.query.at;
      const day = at ?? new Date().toISOString().slice(0, 10);
      const instant = at ? `${at}T23:59:59.999Z` : new Date().toISOString();
      const { rows } = await pool.query<{ entry: unknown }>({
        name: 'entry',
        text: ENTRY_SQL,
        values: [request.params.n.toUpperCase(), day, instant],
      });
      if (rows.length === 0) return reply.code(404).send({ status: 404, code: 'NOT_FOUND' });
      return rows[0].entry;
    },
  );

  app.get<{ Querystring: { q?: string } }>('/api/v1/register', async (request) => {
    const q = (request.query.q ?? '').trim();
    const compact = q.toUpperCase().replace(/\s+/g, '');
    const { rows } = REGISTER_NUMBER.test(compact)
      ? await pool.query({ name: 'number', text: NUMBER_SEARCH_SQL, values: [compact] })
      : GMC.test(compact)
        ? await pool.query({ name: 'gmc', text: GMC_SEARCH_SQL, values: [compact] })
        : q.split(/[^\p{L}\p{N}'’.]+/u).filter(Boolean).length > 1
          ? await pool.query({ name: 'words', text: WORDS_SEARCH_SQL, values: [q] })
          : await pool.query({ name: 'word', text: ONE_WORD_SEARCH_SQL, values: [q] });
    return { items: rows, page: 1, pageSize: 20 };
  });

  app.post<{ Body: ClaimBody }>('/api/v1/verifications', async (request, reply) => {
    const registerNumber = String(request.body?.registerNumber ?? '').toUpperCase();
    const asked = request.body?.claim ?? {};
    const { rows } = await pool.query<CheckRow>({
      name: 'check',
      text: CHECK_READ_SQL,
      values: [registerNumber],
    });
    const found = rows[0];
    const match = found?.credentials.find(
      (c) => c.title === asked.title && c.awardingBody === asked.awardingBody,
    );
    const outcome = !found
      ? 'no-record'
      : !match
        ? 'partial-match'
        : match.status === 'active'
          ? 'verified'
          : match.status;
    const reference = randomBytes(6).toString('hex').toUpperCase();
    const document = {
      type: 'VerificationReceipt',
      reference,
      checkedAt: new Date().toISOString(),
      registerNumber,
      subject: found ? { name: `${found.given_name} ${found.family_name}` } : null,
      claim: asked,
      outcome,
    };
    const signature = sign(null, Buffer.from(canonicalize(document) ?? ''), privateKey).toString(
      'base64url',
    );
    await pool.query(RECEIPT_INSERT_SQL, [reference, registerNumber, outcome, document, signature]);
    return reply.code(201).send({ reference, outcome, checkedAt: document.checkedAt, signature });
  });

  app.get('/.well-known/jwks.json', async (_request, reply) =>
    reply.type('application/json').send(jwks),
  );

  app.get<{ Params: { id: string } }>('/api/v1/status-lists/:id', async (request, reply) => {
    const { rows } = await pool.query({
      name: 'status-list',
      text: STATUS_LIST_SQL,
      values: [request.params.id],
    });
    if (rows.length === 0) return reply.code(404).send({ status: 404, code: 'NOT_FOUND' });
    return rows[0] as unknown;
  });

  app.get('/health', (_request, reply) => reply.send({ status: 'ok' }));
  // Through the pool, like the registry's: the bench waits on it to know a backlog has cleared.
  app.get('/health/ready', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok', database: 'up' };
  });
  return app;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL.');
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  const app = buildBareServer(pool);
  const address = await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
  console.log(`listening ${new URL(address).port}`);
  const stop = () => {
    void app.close().then(() => pool.end());
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1]?.endsWith('bare-server.js')) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
