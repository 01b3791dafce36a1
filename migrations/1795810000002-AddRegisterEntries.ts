import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's read model (one stored public entry per practitioner) and name search by an
 * index-ordered scan: a GiST trigram index read nearest first, so a search costs the same whether
 * a name is rare or shared by thousands.
 */
export class AddRegisterEntries1795810000002 implements MigrationInterface {
  name = 'AddRegisterEntries1795810000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "register_entries" ("practitioner_id" uuid NOT NULL, "register_number" character varying(10) NOT NULL, "document" jsonb, "listed" boolean NOT NULL, "stale_after" TIMESTAMP WITH TIME ZONE, "roles_version" text, "revision" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_register_entries" PRIMARY KEY ("practitioner_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_register_entries_register_number" ON "register_entries" ("register_number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "FK_9eef57536284c01d64dc11a633a" FOREIGN KEY ("practitioner_id") REFERENCES "practitioners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Anyone put on the register by any path (the app, a bulk load, a generator) gets an entry that
    // is due for building, so the first read builds it; the app's writers build it straight away.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_entry_placeholder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO register_entries (practitioner_id, register_number, document, listed, stale_after)
  VALUES (NEW.id, NEW.register_number, NULL, COALESCE((NEW.visibility->>'listed')::boolean, true), '-infinity')
  ON CONFLICT (practitioner_id) DO NOTHING;
  RETURN NEW;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_practitioners_register_entry" AFTER INSERT ON "practitioners" FOR EACH ROW EXECUTE FUNCTION registry_entry_placeholder()`,
    );
    await queryRunner.query(
      `INSERT INTO register_entries (practitioner_id, register_number, document, listed, stale_after)
       SELECT p.id, p.register_number, NULL, COALESCE((p.visibility->>'listed')::boolean, true), '-infinity'
         FROM practitioners p ON CONFLICT (practitioner_id) DO NOTHING`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_register_search_entries_trgm"`);
    await queryRunner.query(
      `CREATE INDEX "ix_register_search_entries_knn" ON "register_search_entries" USING gist ("search_text" gist_trgm_ops (siglen = 256))`,
    );
    // A signature of 256 bytes rather than the default 12 keeps inner pages of the index telling
    // names apart, so a nearest-first read stops early instead of visiting most of the index.
    // Ties in distance are left in index order (stable while the index is), because a second sort
    // key would sort every equally near match, which for a common name is thousands.
    // The threshold rides on the functions (SET), so no session or transaction has to set it first.
    // Lower than pg_trgm's 0.6 default so a typo or two in a short name still finds it.
    // Each runs its statement with the folded query as a value the planner sees (EXECUTE plans per
    // call): a rare name then reads a few index entries, a common one reads nearest first.
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION registry_name_count(text, integer)`);
    await queryRunner.query(`DROP FUNCTION registry_name_hits(text, integer, integer)`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_search_entries_knn"`);
    await queryRunner.query(
      `CREATE INDEX "ix_register_search_entries_trgm" ON "register_search_entries" USING gin ("search_text" gin_trgm_ops)`,
    );
    await queryRunner.query(`DROP TRIGGER "trg_practitioners_register_entry" ON "practitioners"`);
    await queryRunner.query(`DROP FUNCTION registry_entry_placeholder()`);
    await queryRunner.query(
      `ALTER TABLE "register_entries" DROP CONSTRAINT "FK_9eef57536284c01d64dc11a633a"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_register_entries_register_number"`);
    await queryRunner.query(`DROP TABLE "register_entries"`);
  }
}
