import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which words near a typed word are one slip away, without a function call per candidate. The
 * trigram step scored each of its candidates (about 80 for "hughs") with registry_one_slip, a SQL
 * function run once per row: half the cost of matching a word (1.7 -> 1.1 ms of database CPU per
 * typed word at 200,000 people), paid once per word of every name search. A letter dropped or two
 * swapped are found by the direct look-ups already (score 0.8, the best a candidate takes), so
 * here only a letter changed or added needs telling: `LIKE ANY` of the typed word with one `_` in
 * each place, worked out once per call. Same words and scores as before (checked on 2,928 typed
 * words and typos of them); a term with other characters than letters and digits, which
 * registry_fold never makes, still goes through registry_one_slip.
 */
export class FindOneSlipWordsByPattern1797020000004 implements MigrationInterface {
  name = 'FindOneSlipWordsByPattern1797020000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(BY_PATTERN);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(CALL_PER_CANDIDATE);
  }
}

const BY_PATTERN = `CREATE OR REPLACE FUNCTION registry_word_matches(term text, wanted integer)
RETURNS TABLE (word text, score real)
LANGUAGE plpgsql STABLE SET pg_trgm.word_similarity_threshold = 0.3 SET plan_cache_mode = auto AS $$
#variable_conflict use_column
DECLARE
  -- A word one letter changed or added: these patterns, one per place ('_' is any one letter).
  -- Only for plain words (registry_fold leaves nothing else), so no LIKE wildcard is typed in.
  near text[] := CASE WHEN term ~ '^[[:alnum:]]+$' THEN ARRAY(
    SELECT overlay(term PLACING '_' FROM i FOR 1) FROM generate_series(1, length(term)) i
    UNION ALL
    SELECT overlay(term PLACING '_' FROM i FOR 0) FROM generate_series(1, length(term) + 1) i) END;
BEGIN
  RETURN QUERY SELECT c.word, max(c.score)::real AS score FROM (
    SELECT d.word, 1.0 AS score FROM register_name_words d WHERE d.word = term
    UNION ALL
    SELECT d.word, 0.8 FROM generate_series(1, length(term)) i
     CROSS JOIN LATERAL (VALUES (overlay(term PLACING '' FROM i FOR 1)),
       (overlay(term PLACING substr(term, i + 1, 1) || substr(term, i, 1) FROM i FOR 2))) v(variant)
      JOIN register_name_words d ON d.word = v.variant
    UNION ALL
    SELECT d.word, CASE WHEN CASE WHEN near IS NULL THEN abs(length(term) - length(d.word)) <= 1 AND registry_one_slip(term, d.word)
                             ELSE term <> d.word AND d.word LIKE ANY (near) END THEN 0.8
                        ELSE 0.7 * word_similarity(term, d.word) END
      FROM register_name_words d WHERE term <% d.word) c
  GROUP BY c.word ORDER BY score DESC, c.word LIMIT wanted;
END $$`;

const CALL_PER_CANDIDATE = `CREATE OR REPLACE FUNCTION registry_word_matches(term text, wanted integer)
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
END $$`;
