import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name search by words instead of a nearest-first read of whole names. At a million people a
 * trigram KNN read of the whole name has to visit much of its index for a query of several words
 * (a full name, a typo of one, a former name), and took seconds. Instead:
 *
 * - `register_name_words` holds every distinct folded word of a listed name, with a trigram index:
 *   each typed word maps cheaply to a few real words (itself, one slip away, or close in trigrams).
 * - `register_name_postings` says who holds which word (listed people only), in holder order, so a
 *   single word is read a page at a time however many share it.
 * - A GIN index over the words of each listed name answers several words at once: a bitmap AND of
 *   short posting lists, then only the people who match every word are read and ranked.
 *
 * All three are kept by triggers on `register_search_entries`, which itself follows `practitioners`,
 * so no code path that changes a name, a former name's visibility or listing can forget them.
 */
export class NarrowNameSearchByWords1795910000001 implements MigrationInterface {
  name = 'NarrowNameSearchByWords1795910000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "register_name_words" ("word" text NOT NULL, CONSTRAINT "PK_register_name_words" PRIMARY KEY ("word"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_name_postings" ("practitioner_id" uuid NOT NULL, "word" text NOT NULL, CONSTRAINT "PK_register_name_postings" PRIMARY KEY ("practitioner_id", "word"))`,
    );
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_words(folded text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(array_agg(DISTINCT w ORDER BY w), '{}') FROM unnest(string_to_array(folded, ' ')) w WHERE w <> ''
$$`);
    // One letter added, dropped or changed, or two neighbours swapped: the slips people make.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_one_slip(a text, b text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT a <> b AND abs(length(a) - length(b)) <= 1 AND EXISTS (
    SELECT 1 FROM generate_series(1, greatest(length(a), length(b))) i
     WHERE (length(a) = length(b) + 1 AND overlay(a PLACING '' FROM i FOR 1) = b)
        OR (length(b) = length(a) + 1 AND overlay(b PLACING '' FROM i FOR 1) = a)
        OR (length(a) = length(b) AND (overlay(a PLACING substr(b, i, 1) FROM i FOR 1) = b
            OR (i < length(a) AND overlay(a PLACING substr(a, i + 1, 1) || substr(a, i, 1) FROM i FOR 2) = b))))
$$`);
    // The real words a typed word may mean, best first: itself (1), one slip away (0.8), else by
    // trigram word similarity (at most 0.7). One letter dropped or two swapped are found by looking
    // the variants up, as trigrams tell short words apart badly ("jhon" shares one with "john").
    // In plpgsql, with the usual plan cache, so its plan is kept between calls (a SQL function
    // body is planned on every call, which cost more than running it).
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_word_matches(term text, wanted integer)
RETURNS TABLE (word text, score real)
LANGUAGE plpgsql STABLE SET pg_trgm.word_similarity_threshold = 0.3 SET plan_cache_mode = auto AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY SELECT c.word, max(c.score)::real AS score FROM (
    SELECT d.word, 1.0 AS score FROM register_name_words d WHERE d.word = term
    UNION ALL
    SELECT d.word, 0.8 FROM generate_series(1, length(term)) i
     CROSS JOIN LATERAL (VALUES (overlay(term PLACING '' FROM i FOR 1)),
       (overlay(term PLACING substr(term, i + 1, 1) || substr(term, i, 1) FROM i FOR 2))) v(variant)
      JOIN register_name_words d ON d.word = v.variant
    UNION ALL
    SELECT d.word, CASE WHEN abs(length(term) - length(d.word)) <= 1 AND registry_one_slip(term, d.word) THEN 0.8
                        ELSE 0.7 * word_similarity(term, d.word) END
      FROM register_name_words d WHERE term <% d.word) c
  GROUP BY c.word ORDER BY score DESC, c.word LIMIT wanted;
END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_name_postings_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_words text[] := CASE WHEN TG_OP <> 'INSERT' AND OLD.listed THEN registry_words(OLD.search_text) ELSE '{}' END;
  new_words text[] := CASE WHEN TG_OP <> 'DELETE' AND NEW.listed THEN registry_words(NEW.search_text) ELSE '{}' END;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM register_name_postings p
     WHERE p.practitioner_id = OLD.practitioner_id AND p.word = ANY (old_words) AND NOT p.word = ANY (new_words);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO register_name_words (word) SELECT w FROM unnest(new_words) w ORDER BY w ON CONFLICT DO NOTHING;
    INSERT INTO register_name_postings (practitioner_id, word)
    SELECT NEW.practitioner_id, w FROM unnest(new_words) w ORDER BY w ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_register_search_entries_words" AFTER INSERT OR DELETE ON "register_search_entries" FOR EACH ROW EXECUTE FUNCTION registry_name_postings_sync()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_register_search_entries_words_change" AFTER UPDATE ON "register_search_entries" FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.listed IS DISTINCT FROM NEW.listed) EXECUTE FUNCTION registry_name_postings_sync()`,
    );
    await queryRunner.query(
      `INSERT INTO register_name_postings (practitioner_id, word)
       SELECT s.practitioner_id, w FROM register_search_entries s, unnest(registry_words(s.search_text)) w WHERE s.listed`,
    );
    await queryRunner.query(
      `INSERT INTO register_name_words (word) SELECT DISTINCT word FROM register_name_postings`,
    );
    // Built after the rows are in: a GIN index filled row by row keeps them in its pending list,
    // which every search would then read through. Without a pending list (fastupdate off) a new
    // name is in the index when its transaction commits, and no search pays for a backlog.
    await queryRunner.query(
      `CREATE INDEX "ix_register_name_words_trgm" ON "register_name_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate = off)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_name_postings_word" ON "register_name_postings" ("word", "practitioner_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_search_entries_words" ON "register_search_entries" USING gin (to_tsvector('simple'::regconfig, "search_text")) WITH (fastupdate = off) WHERE "listed"`,
    );
    await queryRunner.query(`DROP FUNCTION registry_name_count(text, integer)`);
    await queryRunner.query(`DROP FUNCTION registry_name_hits(text, integer, integer)`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_search_entries_knn"`);
    await queryRunner.query(NAME_SEARCH_ONE_WORD);
    await queryRunner.query(NAME_SEARCH_WORDS);
    await queryRunner.query(NAME_SEARCH);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION registry_name_search(text, integer, integer, integer, integer)`,
    );
    await queryRunner.query(
      `DROP FUNCTION registry_name_search_words(text[], integer, integer, integer)`,
    );
    await queryRunner.query(
      `DROP FUNCTION registry_name_search_word(text, integer, integer, integer)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_search_entries_knn" ON "register_search_entries" USING gist ("search_text" gist_trgm_ops (siglen = 256))`,
    );
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_name_hits(query text, lim integer, skip integer)
RETURNS TABLE (practitioner_id uuid, distance real, name_score real, former_score real)
LANGUAGE plpgsql STABLE SET pg_trgm.word_similarity_threshold = 0.3 AS $$
BEGIN
  RETURN QUERY EXECUTE 'SELECT s.practitioner_id, s.search_text <->> $1, word_similarity($1, s.name_text),
      CASE WHEN s.former_text = '''' THEN 0 ELSE word_similarity($1, s.former_text) END
    FROM register_search_entries s
   WHERE s.listed AND $1 <% s.search_text
   ORDER BY s.search_text <->> $1
   LIMIT $2 OFFSET $3' USING registry_fold(query), lim, skip;
END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_name_count(query text, cap integer)
RETURNS bigint LANGUAGE plpgsql STABLE SET pg_trgm.word_similarity_threshold = 0.3 AS $$
DECLARE
  found bigint;
BEGIN
  EXECUTE 'SELECT count(*) FROM (SELECT 1 FROM register_search_entries s
            WHERE s.listed AND $1 <% s.search_text LIMIT $2) capped' INTO found USING registry_fold(query), cap;
  RETURN found;
END $$`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_search_entries_words"`);
    await queryRunner.query(
      `DROP TRIGGER "trg_register_search_entries_words_change" ON "register_search_entries"`,
    );
    await queryRunner.query(
      `DROP TRIGGER "trg_register_search_entries_words" ON "register_search_entries"`,
    );
    await queryRunner.query(`DROP FUNCTION registry_name_postings_sync()`);
    await queryRunner.query(`DROP FUNCTION registry_word_matches(text, integer)`);
    await queryRunner.query(`DROP FUNCTION registry_one_slip(text, text)`);
    await queryRunner.query(`DROP FUNCTION registry_words(text)`);
    await queryRunner.query(`DROP TABLE "register_name_postings"`);
    await queryRunner.query(`DROP TABLE "register_name_words"`);
  }
}

// How many real words one typed word may stand for.
const MEANINGS = 8;

/**
 * One word: everyone holding its best meaning, in holder order, then the next meaning's holders
 * (less those already shown), and so on. Each step reads a page of one word's postings, so the
 * cost does not depend on how many share the word. The total counts holders up to `total_cap`.
 */
const NAME_SEARCH_ONE_WORD = `CREATE OR REPLACE FUNCTION registry_name_search_word(term text, lim integer, skip integer, total_cap integer)
RETURNS TABLE (practitioner_id uuid, score real, name_score real, former_score real, total integer)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  meanings text[];
  weights real[];
  counted integer;
  got integer;
  passed integer;
BEGIN
  SELECT array_agg(m.word ORDER BY m.score DESC, m.word), array_agg(m.score ORDER BY m.score DESC, m.word)
    INTO meanings, weights FROM registry_word_matches(term, ${MEANINGS}) m;
  IF meanings IS NULL THEN RETURN; END IF;
  -- Each meaning's holders read in index order, stopping as soon as the cap is reached.
  SELECT count(DISTINCT c.practitioner_id) INTO counted
    FROM (SELECT h.practitioner_id FROM unnest(meanings) m(word)
           CROSS JOIN LATERAL (SELECT p.practitioner_id FROM register_name_postings p
                                WHERE p.word = m.word ORDER BY p.practitioner_id LIMIT total_cap) h
           LIMIT total_cap) c;
  FOR i IN 1 .. cardinality(meanings) LOOP
    EXIT WHEN lim <= 0;
    RETURN QUERY SELECT p.practitioner_id, weights[i],
        CASE WHEN meanings[i] = ANY (string_to_array(s.name_text, ' ')) THEN weights[i] ELSE 0 END::real,
        CASE WHEN meanings[i] = ANY (string_to_array(s.former_text, ' ')) THEN weights[i] ELSE 0 END::real,
        counted
      FROM (SELECT h.practitioner_id FROM register_name_postings h
             WHERE h.word = meanings[i]
               AND NOT EXISTS (SELECT 1 FROM register_name_postings b
                                WHERE b.practitioner_id = h.practitioner_id AND b.word = ANY (meanings[1:i - 1]))
             ORDER BY h.practitioner_id OFFSET skip LIMIT lim) p
      JOIN register_search_entries s ON s.practitioner_id = p.practitioner_id
     ORDER BY p.practitioner_id;
    GET DIAGNOSTICS got = ROW_COUNT;
    IF got > 0 THEN
      skip := 0;
      lim := lim - got;
    ELSIF skip > 0 THEN
      SELECT count(*) INTO passed FROM (SELECT 1 FROM register_name_postings p
        WHERE p.word = meanings[i]
          AND NOT EXISTS (SELECT 1 FROM register_name_postings b
                           WHERE b.practitioner_id = p.practitioner_id AND b.word = ANY (meanings[1:i - 1]))
        LIMIT skip) c;
      skip := skip - passed;
    END IF;
  END LOOP;
END $$`;

/**
 * Several words: everyone holding some meaning of every word, through the GIN index (a bitmap AND
 * of posting lists), at most \`depth\` of them, ranked by how well their words match. When that many
 * match (two very common words), those matching every word exactly are read too (only then), so the
 * best matches are not lost among the near ones.
 */
const NAME_SEARCH_WORDS = `CREATE OR REPLACE FUNCTION registry_name_search_words(terms text[], lim integer, skip integer, depth integer)
RETURNS TABLE (practitioner_id uuid, score real, name_score real, former_score real, total integer)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  meant jsonb;
  fuzzy tsquery;
  exact tsquery;
  search text := 'WITH m AS (SELECT (e->>''ord'')::int AS ord, e->>''word'' AS word, (e->>''score'')::real AS score
                               FROM jsonb_array_elements($2) e),
       near AS MATERIALIZED (SELECT s.practitioner_id, s.name_text, s.former_text
               FROM register_search_entries s
              WHERE s.listed AND to_tsvector(''simple'', s.search_text) @@ $1 LIMIT $3),
       c AS (SELECT * FROM near
             UNION
             (SELECT s.practitioner_id, s.name_text, s.former_text
                FROM register_search_entries s
               WHERE (SELECT count(*) FROM near) >= $3
                 AND s.listed AND to_tsvector(''simple'', s.search_text) @@ $6 LIMIT $3)),
       w AS (SELECT c.practitioner_id, m.ord, max(m.score) AS best,
                    max(m.score) FILTER (WHERE x.former) AS former_best,
                    max(m.score) FILTER (WHERE NOT x.former) AS name_best
               FROM c CROSS JOIN LATERAL (SELECT n, false FROM unnest(string_to_array(c.name_text, '' '')) n
                                          UNION ALL
                                          SELECT f, true FROM unnest(string_to_array(c.former_text, '' '')) f) x(word, former)
               JOIN m ON m.word = x.word
              GROUP BY c.practitioner_id, m.ord),
       r AS (SELECT w.practitioner_id, sum(w.best) AS score, COALESCE(sum(w.name_best), 0) AS name_score,
                    COALESCE(sum(w.former_best), 0) AS former_score
               FROM w GROUP BY w.practitioner_id)
  SELECT r.practitioner_id, r.score::real, r.name_score::real, r.former_score::real, (count(*) OVER ())::int
    FROM r ORDER BY r.score DESC, r.practitioner_id OFFSET $4 LIMIT $5';
BEGIN
  SELECT jsonb_agg(jsonb_build_object('ord', t.ord, 'word', m.word, 'score', m.score))
    INTO meant
    FROM unnest(terms) WITH ORDINALITY t(term, ord) CROSS JOIN LATERAL registry_word_matches(t.term, ${MEANINGS}) m;
  IF meant IS NULL THEN RETURN; END IF;
  -- Every typed word that means something must match; one that matches no name is ignored.
  SELECT string_agg('(' || a.alternatives || ')', ' & ')::tsquery,
         CASE WHEN bool_and(a.best IS NOT NULL) THEN string_agg(a.best, ' & ')::tsquery END
    INTO fuzzy, exact
    FROM (SELECT string_agg(quote_literal(e->>'word'), ' | ') AS alternatives,
                 quote_literal(min(e->>'word') FILTER (WHERE (e->>'score')::real = 1)) AS best
            FROM jsonb_array_elements(meant) e GROUP BY e->>'ord') a;
  RETURN QUERY EXECUTE search USING fuzzy, meant, depth, skip, lim, COALESCE(exact, fuzzy);
END $$`;

/** Name search: the folded query split into words, at most five, each typo-tolerant. */
const NAME_SEARCH = `CREATE OR REPLACE FUNCTION registry_name_search(query text, lim integer, skip integer, depth integer, total_cap integer)
RETURNS TABLE (practitioner_id uuid, score real, name_score real, former_score real, total integer)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  terms text[] := ARRAY(SELECT w FROM unnest(string_to_array(registry_fold(query), ' ')) WITH ORDINALITY u(w, n)
                         WHERE w <> '' GROUP BY w ORDER BY min(n) LIMIT 5);
BEGIN
  IF cardinality(terms) = 0 THEN RETURN; END IF;
  IF cardinality(terms) = 1 THEN
    RETURN QUERY SELECT * FROM registry_name_search_word(terms[1], lim, skip, total_cap);
  ELSE
    RETURN QUERY SELECT * FROM registry_name_search_words(terms, lim, skip, depth);
  END IF;
END $$`;
