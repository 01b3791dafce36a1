import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk status changes: each request is kept by its Idempotency-Key, and the status changes it
 * made name it, so a resend reports what the first run did and changes nothing twice. A partial
 * index: only bulk changes carry a request, and a resend looks them up by it.
 */
export class AddBulkStatusRequests1795960000002 implements MigrationInterface {
  name = 'AddBulkStatusRequests1795960000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bulk_status_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "action" character varying(20) NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bulk_status_requests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bulk_status_requests_issuer_key" ON "bulk_status_requests" ("issuer_id", "key") `,
    );
    await queryRunner.query(`ALTER TABLE "credential_status_changes" ADD "request_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "ix_credential_status_changes_request" ON "credential_status_changes" ("request_id", "credential_id") WHERE "request_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_credential_status_changes_request"`);
    await queryRunner.query(`ALTER TABLE "credential_status_changes" DROP COLUMN "request_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bulk_status_requests_issuer_key"`);
    await queryRunner.query(`DROP TABLE "bulk_status_requests"`);
  }
}
