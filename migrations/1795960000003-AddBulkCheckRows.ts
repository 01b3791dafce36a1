import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Employer bulk checks: each row's answer kept by the requester's Idempotency-Key, for resends. */
export class AddBulkCheckRows1795960000003 implements MigrationInterface {
  name = 'AddBulkCheckRows1795960000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bulk_check_rows" ("scope" character varying(100) NOT NULL, "key" character varying(200) NOT NULL, "row" integer NOT NULL, "row_hash" character varying(64) NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bulk_check_rows" PRIMARY KEY ("scope", "key", "row"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "bulk_check_rows"`);
  }
}
