import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status lists get a revision that moves in the same transaction as any credential change that can
 * flip one of their bits, and a table of signed documents keyed by list and form, so a read serves
 * the stored document instead of rebuilding and re-signing the list. Triggers rather than service
 * code so no writer (single, bulk, import, a console UPDATE) can forget the bump; statement-level
 * with transition tables so a bulk revocation of thousands of rows bumps each list once.
 */
export class StoreSignedStatusLists1795850000001 implements MigrationInterface {
  name = 'StoreSignedStatusLists1795850000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "status_lists" ADD "revision" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `CREATE TABLE "status_list_documents" ("list_id" uuid NOT NULL, "form" character varying(20) NOT NULL, "revision" bigint NOT NULL, "kid" character varying(64) NOT NULL, "document" text NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_status_list_documents" PRIMARY KEY ("list_id", "form"))`,
    );
    // Only 'revoked' and 'suspended' are bits; a change to or from either (or moving an entry)
    // bumps both lists of the pair, which share their indexes.
    await queryRunner.query(`
      CREATE FUNCTION bump_status_list_revisions(pair_ids uuid[]) RETURNS void
      LANGUAGE sql AS $$
        UPDATE status_lists SET revision = revision + 1 WHERE pair_id = ANY(pair_ids)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION credentials_status_list_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        pairs uuid[];
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          SELECT array_agg(DISTINCT p) INTO pairs FROM (
            SELECT unnest(ARRAY[o.status_list_id, n.status_list_id]) AS p
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.status IN ('revoked', 'suspended') OR n.status IN ('revoked', 'suspended'))
              AND (o.status IS DISTINCT FROM n.status
                OR o.status_list_id IS DISTINCT FROM n.status_list_id
                OR o.status_list_index IS DISTINCT FROM n.status_list_index)
          ) changed WHERE p IS NOT NULL;
        ELSIF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT status_list_id) INTO pairs FROM new_rows
          WHERE status IN ('revoked', 'suspended') AND status_list_id IS NOT NULL;
        ELSE
          SELECT array_agg(DISTINCT status_list_id) INTO pairs FROM old_rows
          WHERE status IN ('revoked', 'suspended') AND status_list_id IS NOT NULL;
        END IF;
        IF pairs IS NOT NULL THEN
          PERFORM bump_status_list_revisions(pairs);
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_credentials_status_list_update" AFTER UPDATE ON "credentials"
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION credentials_status_list_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_credentials_status_list_insert" AFTER INSERT ON "credentials"
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION credentials_status_list_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_credentials_status_list_delete" AFTER DELETE ON "credentials"
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION credentials_status_list_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_credentials_status_list_delete" ON "credentials"`);
    await queryRunner.query(`DROP TRIGGER "trg_credentials_status_list_insert" ON "credentials"`);
    await queryRunner.query(`DROP TRIGGER "trg_credentials_status_list_update" ON "credentials"`);
    await queryRunner.query(`DROP FUNCTION credentials_status_list_changed()`);
    await queryRunner.query(`DROP FUNCTION bump_status_list_revisions(uuid[])`);
    await queryRunner.query(`DROP TABLE "status_list_documents"`);
    await queryRunner.query(`ALTER TABLE "status_lists" DROP COLUMN "revision"`);
  }
}
