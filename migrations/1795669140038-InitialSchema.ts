import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795669140038 implements MigrationInterface {
  name = 'InitialSchema1795669140038';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("seq" bigint NOT NULL, "id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "action" character varying(60) NOT NULL, "actor_type" character varying(10) NOT NULL, "actor_id" uuid, "entity_type" character varying(40) NOT NULL, "entity_id" character varying(100), "data" jsonb NOT NULL DEFAULT '{}', "correlation_id" character varying(100), "prev_hash" character varying(64), "hash" character varying(64), CONSTRAINT "UQ_910f64d901a5c3e9878f0d4a407" UNIQUE ("id"), CONSTRAINT "PK_6e299f5706e715265416fefe53e" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_entity" ON "audit_events"  ("entity_type") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_id" uuid NOT NULL, "hint" character varying(20) NOT NULL, "key_hash" character varying(64) NOT NULL, "label" character varying(100), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_keys_issuer" ON "api_keys"  ("issuer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys"  ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" character varying(20) NOT NULL, "practitioner_id" uuid, "issuer_id" uuid, "organisation_id" uuid, "token_version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "issuer_id" uuid, "awarding_body" character varying(200) NOT NULL, "awarding_body_recognised" boolean NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "subject" character varying(200), "level" smallint, "result" character varying(100), "awarded_on" date NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "decision_reason" text, "corrections" jsonb, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "credential_id" uuid, "document_check" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_96c91970c0dcb2f69fdccd0a698" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_claims_practitioner" ON "claims"  ("practitioner_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_claims_issuer_status" ON "claims"  ("issuer_id") `);
    await queryRunner.query(
      `CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "claim_id" uuid NOT NULL, "practitioner_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "media_type" character varying(50) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "storage_key" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_evidence_claim" ON "evidence"  ("claim_id") `);
    await queryRunner.query(
      `CREATE TABLE "credentials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "issuer_id" uuid, "awarding_body" character varying(200) NOT NULL, "issuer_reference" character varying(100), "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "subject" character varying(200), "level" smallint, "result" character varying(100), "cpd_hours" numeric(6,1), "awarded_on" date NOT NULL, "valid_until" date, "status" character varying(20) NOT NULL DEFAULT 'active', "provenance" character varying(30) NOT NULL, "claim_id" uuid, "status_list_id" uuid, "status_list_index" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_1e38bc43be6697cdda548ad27a6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_credentials_practitioner" ON "credentials"  ("practitioner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_credentials_issuer" ON "credentials"  ("issuer_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credentials_issuer_reference" ON "credentials"  ("issuer_id", "issuer_reference") `,
    );
    await queryRunner.query(
      `CREATE TABLE "credential_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "credential_id" uuid NOT NULL, "from_status" character varying(20), "to_status" character varying(20) NOT NULL, "action" character varying(20) NOT NULL, "reason" text, "valid_until" date, "actor_type" character varying(10) NOT NULL, "actor_id" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a06819cd68f26990de3999525de" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_credential_status_changes_credential" ON "credential_status_changes"  ("credential_id", "changed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character varying(64) NOT NULL, "response_status" smallint NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9ae4e93699362b0d4e3da3dd1c2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_idempotency_records_issuer_key" ON "idempotency_records"  ("issuer_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "issuers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "kind" character varying(30) NOT NULL, "website" character varying(300), "status" character varying(20) NOT NULL DEFAULT 'recognised', "status_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_36d87e2e6d1edfcbdc561deeaf9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" uuid NOT NULL, "seq" BIGSERIAL NOT NULL, "type" character varying(40) NOT NULL, "practitioner_id" uuid NOT NULL, "subject_type" character varying(30) NOT NULL, "subject_id" uuid NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_outbox_events_seq" ON "outbox_events"  ("seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_events_practitioner" ON "outbox_events"  ("practitioner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE, "verified_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "professional_registrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "body" character varying(10) NOT NULL, "number" character varying(20) NOT NULL, "current" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_f05ff9cf6494301ca4861565bc1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_professional_registrations_body_number" ON "professional_registrations"  ("body", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "role_appointments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "role_code" character varying(20) NOT NULL, "organisation" character varying(200) NOT NULL, "start_date" date NOT NULL, "end_date" date, CONSTRAINT "PK_c20a62acc2cfd94fd5399987ea3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "practitioners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "register_number" character varying(10) NOT NULL, "given_name" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "former_names" text array NOT NULL DEFAULT '{}', "date_of_birth" date NOT NULL, "email" character varying(320) NOT NULL, "register_status" character varying(30) NOT NULL DEFAULT 'registered', "status_reason" text, "conditions" text, "visibility" jsonb NOT NULL DEFAULT '{"listed":true,"formerNames":false,"appointments":true,"professionalRegistrations":true}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_88941574a3e4fe907d36ee2f8cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_practitioners_register_number" ON "practitioners"  ("register_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "practitioner_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "from_status" character varying(30), "to_status" character varying(30) NOT NULL, "reason" text NOT NULL, "conditions" text, "changed_by" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_114c51c5b4197a69df15f3b7f21" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_practitioner_status_changes_practitioner" ON "practitioner_status_changes"  ("practitioner_id", "changed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "roles" ("code" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "clinical" boolean NOT NULL DEFAULT false, "requirements" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f6d54f95c31b73fb1bdd8e91d0c" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "professional_registrations" ADD CONSTRAINT "FK_79c141aad59137190d03cd164f5" FOREIGN KEY ("practitioner_id") REFERENCES "practitioners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_appointments" ADD CONSTRAINT "FK_49fda52c2c905072a6fd93f7b55" FOREIGN KEY ("practitioner_id") REFERENCES "practitioners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "role_appointments" DROP CONSTRAINT "FK_49fda52c2c905072a6fd93f7b55"`,
    );
    await queryRunner.query(
      `ALTER TABLE "professional_registrations" DROP CONSTRAINT "FK_79c141aad59137190d03cd164f5"`,
    );
    await queryRunner.query(`DROP TABLE "roles"`);
    await queryRunner.query(`DROP INDEX "public"."ix_practitioner_status_changes_practitioner"`);
    await queryRunner.query(`DROP TABLE "practitioner_status_changes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_practitioners_register_number"`);
    await queryRunner.query(`DROP TABLE "practitioners"`);
    await queryRunner.query(`DROP TABLE "role_appointments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_professional_registrations_body_number"`);
    await queryRunner.query(`DROP TABLE "professional_registrations"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_events_practitioner"`);
    await queryRunner.query(`DROP INDEX "public"."uq_outbox_events_seq"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
    await queryRunner.query(`DROP TABLE "issuers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_idempotency_records_issuer_key"`);
    await queryRunner.query(`DROP TABLE "idempotency_records"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credential_status_changes_credential"`);
    await queryRunner.query(`DROP TABLE "credential_status_changes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credentials_issuer_reference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credentials_issuer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credentials_practitioner"`);
    await queryRunner.query(`DROP TABLE "credentials"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_claim"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_claims_issuer_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_claims_practitioner"`);
    await queryRunner.query(`DROP TABLE "claims"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_keys_issuer"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_entity"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
