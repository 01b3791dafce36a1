import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A one-word name search counted every holder of a common name. Its capped count read the first
 * holders of each meaning through a lateral join on the word, which the planner could not see as a
 * constant: it guessed 50 holders a word, so it fetched all of them by a bitmap scan and sorted
 * them to keep the first 101 ("smith": 3,023 postings and 1,875 heap pages at 200,000 people, five
 * times that at a million), most of the search's database time. The count now reads each
 * meaning's holders in index order with the word as a constant, stopping at the cap. It gives the
 * same number: the first `total_cap` of the meanings' holders in turn, counted once each.
 */
export class CountNameHoldersToTheCap1797020000001 implements MigrationInterface {
  name = 'CountNameHoldersToTheCap1797020000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(COUNT_TO_THE_CAP);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(COUNT_EVERY_HOLDER);
  }
}

const COUNT_TO_THE_CAP = `CREATE OR REPLACE FUNCTION registry_name_search_word(term text, lim integer, skip integer, total_cap integer)
RETURNS TABLE (practitioner_id uuid, score real, name_score real, former_score real, total integer)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  meanings text[];
  weights real[];
  holders uuid[] := '{}';
  counted integer;
  got integer;
  passed integer;
BEGIN
  SELECT array_agg(m.word ORDER BY m.score DESC, m.word), array_agg(m.score ORDER BY m.score DESC, m.word)
    INTO meanings, weights FROM registry_word_matches(term, 8) m;
  IF meanings IS NULL THEN RETURN; END IF;
  -- The first holders of each meaning in turn, up to the cap, each read in index order with the
  -- word as a constant (a custom plan), so the read stops at the cap however many hold the word.
  FOR i IN 1 .. cardinality(meanings) LOOP
    EXIT WHEN cardinality(holders) >= total_cap;
    holders := holders || ARRAY(SELECT p.practitioner_id FROM register_name_postings p
                                 WHERE p.word = meanings[i] ORDER BY p.practitioner_id
                                 LIMIT total_cap - cardinality(holders));
  END LOOP;
  SELECT count(DISTINCT h) INTO counted FROM unnest(holders) h;
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

const COUNT_EVERY_HOLDER = `CREATE OR REPLACE FUNCTION registry_name_search_word(term text, lim integer, skip integer, total_cap integer)
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
    INTO meanings, weights FROM registry_word_matches(term, 8) m;
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
