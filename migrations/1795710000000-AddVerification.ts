import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddVerification1795710000000 implements MigrationInterface {
  name = 'AddVerification1795710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes an
    // IMMUTABLE wrapper that a trigger and an index may rely on.
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION registry_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT btrim(regexp_replace(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[''’.]', '', 'g'), '[^[:alnum:]]+', ' ', 'g')) $$`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_lookups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "looked_up_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_281947bd24eac2f01f7ed502b45" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_lookups_practitioner" ON "register_lookups"  ("practitioner_id", "looked_up_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "register_search_entries" ("practitioner_id" uuid NOT NULL, "name_text" text NOT NULL, "former_text" text NOT NULL DEFAULT '', "search_text" text NOT NULL, "listed" boolean NOT NULL, CONSTRAINT "PK_055272aa5f6183239f447e43389" PRIMARY KEY ("practitioner_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "share_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "hint" character varying(3) NOT NULL, "purpose" character varying(200) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e984cad5b5c4e4e046971fd27da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_share_codes_code_hash" ON "share_codes"  ("code_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_codes_practitioner" ON "share_codes"  ("practitioner_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "share_code_uses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "share_code_id" uuid NOT NULL, "practitioner_id" uuid NOT NULL, "organisation_id" uuid, "user_id" uuid, "used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9e759bc2bba569e062e21f28a07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_code_uses_practitioner" ON "share_code_uses"  ("practitioner_id", "used_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_share_code_uses_code" ON "share_code_uses"  ("share_code_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "verification_receipts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(20) NOT NULL, "practitioner_id" uuid, "register_number" character varying(10) NOT NULL, "outcome" character varying(30) NOT NULL, "document" jsonb NOT NULL, "signature" text NOT NULL, "key_id" character varying(100) NOT NULL, "organisation_id" uuid, "user_id" uuid, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1c32c424bdd2e97664b46aaa4a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_verification_receipts_reference" ON "verification_receipts"  ("reference") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_verification_receipts_practitioner" ON "verification_receipts"  ("practitioner_id", "checked_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "watch_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "practitioner_id" uuid NOT NULL, "share_code_id" uuid NOT NULL, "purpose" character varying(200) NOT NULL, "webhook_url" character varying(500), "secret" character varying(100) NOT NULL, "standings" jsonb NOT NULL DEFAULT '{}', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_13187320a8e7500e63da8c5888d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_watch_lists_organisation" ON "watch_lists"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_watch_lists_practitioner" ON "watch_lists"  ("practitioner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_cursor" ("id" smallint NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "PK_0c6c384afe5f86ad6ef997092d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "watch_list_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_type" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_webhook_deliveries_seq" ON "webhook_deliveries"  ("seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries"  ("status", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_webhook_deliveries_watch_event" ON "webhook_deliveries"  ("watch_list_id", "event_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "response_status" smallint, "error" character varying(300), "duration_ms" integer NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_59ef9124585b56c18b98548a0c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_attempts_delivery" ON "webhook_delivery_attempts"  ("delivery_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "register_search_entries" ADD CONSTRAINT "FK_055272aa5f6183239f447e43389" FOREIGN KEY ("practitioner_id") REFERENCES "practitioners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_search_entries_trgm" ON "register_search_entries" USING gin ("search_text" gin_trgm_ops)`,
    );
    // Kept in step by the database itself, whatever code changes a name or the visibility.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  name_text text := registry_fold(NEW.given_name || ' ' || NEW.family_name);
  former_text text := CASE WHEN COALESCE((NEW.visibility->>'formerNames')::boolean, false)
    THEN COALESCE(registry_fold(array_to_string(NEW.former_names, ' ')), '') ELSE '' END;
BEGIN
  INSERT INTO register_search_entries (practitioner_id, name_text, former_text, search_text, listed)
  VALUES (NEW.id, name_text, former_text, btrim(name_text || ' ' || former_text),
          COALESCE((NEW.visibility->>'listed')::boolean, true))
  ON CONFLICT (practitioner_id) DO UPDATE SET name_text = EXCLUDED.name_text,
    former_text = EXCLUDED.former_text, search_text = EXCLUDED.search_text, listed = EXCLUDED.listed;
  RETURN NEW;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_practitioners_register_search" AFTER INSERT OR UPDATE OF given_name, family_name, former_names, visibility ON "practitioners" FOR EACH ROW EXECUTE FUNCTION registry_search_sync()`,
    );
    await queryRunner.query(`UPDATE "practitioners" SET "visibility" = "visibility"`);
    // A receipt proves what was answered: nobody, the application included, may change it.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_verification_receipts_immutable" BEFORE UPDATE OR DELETE ON "verification_receipts" FOR EACH ROW EXECUTE FUNCTION registry_refuse_change()`,
    );
    await queryRunner.query(`INSERT INTO "webhook_cursor" ("id", "last_seq") VALUES (1, 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "trg_verification_receipts_immutable" ON "verification_receipts"`,
    );
    await queryRunner.query(`DROP FUNCTION registry_refuse_change()`);
    await queryRunner.query(`DROP TRIGGER "trg_practitioners_register_search" ON "practitioners"`);
    await queryRunner.query(`DROP FUNCTION registry_search_sync()`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_search_entries_trgm"`);
    await queryRunner.query(
      `ALTER TABLE "register_search_entries" DROP CONSTRAINT "FK_055272aa5f6183239f447e43389"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_attempts_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_webhook_deliveries_watch_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."uq_webhook_deliveries_seq"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_cursor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_watch_lists_practitioner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_watch_lists_organisation"`);
    await queryRunner.query(`DROP TABLE "watch_lists"`);
    await queryRunner.query(`DROP INDEX "public"."ix_verification_receipts_practitioner"`);
    await queryRunner.query(`DROP INDEX "public"."uq_verification_receipts_reference"`);
    await queryRunner.query(`DROP TABLE "verification_receipts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_share_code_uses_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_share_code_uses_practitioner"`);
    await queryRunner.query(`DROP TABLE "share_code_uses"`);
    await queryRunner.query(`DROP INDEX "public"."ix_share_codes_practitioner"`);
    await queryRunner.query(`DROP INDEX "public"."uq_share_codes_code_hash"`);
    await queryRunner.query(`DROP TABLE "share_codes"`);
    await queryRunner.query(`DROP TABLE "register_search_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_lookups_practitioner"`);
    await queryRunner.query(`DROP TABLE "register_lookups"`);
    await queryRunner.query(`DROP FUNCTION registry_fold(text)`);
  }
}
