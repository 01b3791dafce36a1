import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTrust1795700000000 implements MigrationInterface {
  name = 'AddTrust1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "size" bigint NOT NULL, "root_hash" character varying(64) NOT NULL, "note" text NOT NULL, "kid" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_audit_checkpoints_size" ON "audit_checkpoints"  ("size") `,
    );
    await queryRunner.query(
      `CREATE TABLE "signed_credentials" ("credential_id" uuid NOT NULL, "digest" character varying(64) NOT NULL, "kid" character varying(64) NOT NULL, "document" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c1b7ca8cdd93ae55fa5ce555318" PRIMARY KEY ("credential_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "signing_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_type" character varying(10) NOT NULL, "owner_id" uuid, "kid" character varying(64) NOT NULL, "public_jwk" jsonb NOT NULL, "encrypted_private_key" text NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ab7d78cf6e61dc3904133b4cd55" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_signing_keys_kid" ON "signing_keys"  ("kid") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_signing_keys_owner" ON "signing_keys"  ("owner_type", "owner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "status_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "purpose" character varying(20) NOT NULL, "owner_type" character varying(10) NOT NULL, "owner_id" uuid, "pair_id" uuid NOT NULL, "size" integer NOT NULL, "allocated" integer NOT NULL DEFAULT '0', "permutation_key" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_adc0737adaeb00543ac6839cc2b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_status_lists_pair" ON "status_lists"  ("pair_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_status_lists_owner" ON "status_lists"  ("owner_type", "owner_id", "purpose") `,
    );
    // Append-only audit log and checkpoints. A statement trigger refuses UPDATE, DELETE and
    // TRUNCATE on both databases (PGlite included), even when no row matches.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_change"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_checkpoints_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_change"()`,
    );
    // Where the deployment runs the app as its own role (docs/DEPLOYMENT.md), take the
    // privileges away too, so the app cannot drop the trigger's protection by itself. Only
    // done when this user owns the tables and that role exists; never fails (PGlite, laptops).
    await queryRunner.query(`DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'registry_app')
     AND EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_events' AND tableowner = current_user) THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events", "audit_checkpoints" FROM registry_app;
  END IF;
EXCEPTION WHEN insufficient_privilege OR undefined_object THEN
  RAISE NOTICE 'audit_events privileges left unchanged (%)', SQLERRM;
END
$$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER IF EXISTS "audit_checkpoints_append_only" ON "audit_checkpoints"`,
    );
    await queryRunner.query(`DROP TRIGGER IF EXISTS "audit_events_append_only" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS "refuse_audit_change"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_lists_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_lists_pair"`);
    await queryRunner.query(`DROP TABLE "status_lists"`);
    await queryRunner.query(`DROP INDEX "public"."ix_signing_keys_owner"`);
    await queryRunner.query(`DROP INDEX "public"."uq_signing_keys_kid"`);
    await queryRunner.query(`DROP TABLE "signing_keys"`);
    await queryRunner.query(`DROP TABLE "signed_credentials"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_checkpoints_size"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
  }
}
