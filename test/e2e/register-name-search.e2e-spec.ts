import type { Response } from 'supertest';
import { api, bearer, closeDb, db } from '../support/app.js';
import { newPractitioner, searchableSurname } from '../support/factories.js';

const surname = searchableSurname;
const queries = (res: Response) => Number(res.headers['x-db-queries']);
const numbers = (res: Response) =>
  (res.body as { items: { registerNumber: string }[] }).items.map((i) => i.registerNumber);
const search = (q: string) => api().get('/api/v1/register').query({ q }).expect(200);

/** Two neighbouring letters swapped, well inside the word. */
const swapped = (word: string) => word.slice(0, 4) + word[5] + word[4] + word.slice(6);
/** One letter left out, well inside the word. */
const dropped = (word: string) => word.slice(0, 5) + word.slice(6);

describe('Register name search', () => {
  afterAll(closeDb);

  it('should rank whoever matches every word first, with a slip in each word', async () => {
    const given = surname('Given');
    const family = surname('Family');
    const both = await newPractitioner({ givenName: given, familyName: family });
    const familyOnly = await newPractitioner({ givenName: surname('Other'), familyName: family });
    const exact = await search(`${given} ${family}`);
    expect(numbers(exact)).toEqual([both.registerNumber]);
    const slipped = await search(`${swapped(given)} ${dropped(family)}`);
    expect(numbers(slipped)).toEqual([both.registerNumber]);
    // One word alone finds everyone holding it, nearest spelling first.
    const byFamily = await search(family);
    expect(numbers(byFamily).sort()).toEqual(
      [both.registerNumber, familyOnly.registerNumber].sort(),
    );
    expect(byFamily.body).toMatchObject({ total: 2, totalIsLowerBound: false, next: null });
  });

  it('should ignore case, accents and punctuation, and order words freely', async () => {
    const family = surname('Zajac');
    const p = await newPractitioner({ givenName: 'Ørjan', familyName: `${family}-Ó'Súil` });
    for (const q of [
      `ORJAN ${family.toUpperCase()} OSUIL`,
      `osuil ${family} orjan`,
      `Ørjan ${family}-Ó'Súil`,
    ]) {
      expect(numbers(await search(q))).toEqual([p.registerNumber]);
    }
  });

  it('should find a former name with a slip only while it is public, and say so', async () => {
    const former = surname('Former');
    const given = surname('Alex');
    const p = await newPractitioner();
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ formerNames: [`${given} ${former}`] })
      .expect(200);
    expect(numbers(await search(`${given} ${swapped(former)}`))).toEqual([]);
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ visibility: { formerNames: true } })
      .expect(200);
    const shown = await search(`${given} ${swapped(former)}`);
    expect(shown.body.items).toEqual([
      expect.objectContaining({ registerNumber: p.registerNumber, matchedOn: 'former-name' }),
    ]);
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ visibility: { formerNames: false } })
      .expect(200);
    expect(numbers(await search(former))).toEqual([]);
  });

  it('should follow a change of name and leave unlisted people out, typos included', async () => {
    const before = surname('Before');
    const after = surname('After');
    const p = await newPractitioner({ familyName: before });
    expect(numbers(await search(dropped(before)))).toEqual([p.registerNumber]);
    await db().query(`UPDATE practitioners SET family_name = $1 WHERE register_number = $2`, [
      after,
      p.registerNumber,
    ]);
    expect(numbers(await search(before))).toEqual([]);
    expect(numbers(await search(swapped(after)))).toEqual([p.registerNumber]);
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ visibility: { listed: false } })
      .expect(200);
    expect(numbers(await search(after))).toEqual([]);
    expect(numbers(await search(swapped(after)))).toEqual([]);
    const words = await db().query(
      `SELECT 1 FROM register_name_postings p JOIN practitioners r ON r.id = p.practitioner_id
        WHERE r.register_number = $1`,
      [p.registerNumber],
    );
    expect(words.rowCount).toBe(0);
  });

  it('should answer several words with the same fixed number of queries, however many match', async () => {
    const given = surname('Many');
    const family = surname('Folk');
    await newPractitioner({ givenName: given, familyName: family });
    await search(`${given} ${family}`);
    const one = await search(`${given} ${family}`);
    for (let i = 0; i < 4; i++) await newPractitioner({ givenName: given, familyName: family });
    await search(`${given} ${family}`);
    const many = await search(`${swapped(given)} ${family}`);
    expect(many.body.items).toHaveLength(5);
    expect(queries(many)).toBeLessThanOrEqual(2);
    expect(queries(many)).toBe(queries(one));
  });

  it('should join a page of hits to the entries by key, not by hashing every entry', async () => {
    // A set-returning function is assumed to return 1,000 rows unless told otherwise; with that
    // guess the planner read every entry for each search (a tenth of the bare server's speed).
    const { rows } = await db().query<{ prorows: number }>(
      `SELECT prorows FROM pg_proc WHERE proname = 'registry_name_search'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].prorows).toBeLessThanOrEqual(100);
  });

  it('should page several-word results with a cursor that agrees with page numbers', async () => {
    const given = surname('Paged');
    const family = surname('Crowd');
    await db().query(
      `WITH p AS (
         INSERT INTO practitioners (register_number, given_name, family_name, date_of_birth, email)
         SELECT s.n, $1::text, $2::text, '1980-01-01', $2::text || s.g || '@example.test'
           FROM (SELECT g, 'DL' || lpad((80000000 + g)::text, 8, '0') AS n FROM generate_series(1, 200) g) s
          WHERE NOT EXISTS (SELECT 1 FROM practitioners x WHERE x.register_number = s.n) -- the app's own numbers are random
          ORDER BY s.g LIMIT 45 RETURNING id)
       INSERT INTO practitioner_status_changes (practitioner_id, to_status, reason)
       SELECT id, 'registered', 'Loaded' FROM p`,
      [given, family],
    );
    const q = `${given} ${family}`;
    const first = await api().get('/api/v1/register').query({ q, pageSize: 20 }).expect(200);
    expect(first.body).toMatchObject({ total: 45, totalIsLowerBound: false });
    const second = await api()
      .get('/api/v1/register')
      .query({ q, pageSize: 20, cursor: first.body.next as string })
      .expect(200);
    const byPage = await api()
      .get('/api/v1/register')
      .query({ q, pageSize: 20, page: 2 })
      .expect(200);
    expect(numbers(second)).toEqual(numbers(byPage));
    const third = await api()
      .get('/api/v1/register')
      .query({ q, pageSize: 20, cursor: second.body.next as string })
      .expect(200);
    expect(third.body.next).toBeNull();
    const seen = new Set([...numbers(first), ...numbers(second), ...numbers(third)]);
    expect(seen.size).toBe(45);
  });
});
