import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names get their own history, so an entry, extract or receipt for a past date shows the name as
 * it stood then. Every practitioner's current name is backfilled as in use since they were entered
 * on the register: nothing older is known.
 */
export class AddNameHistory1795960000001 implements MigrationInterface {
  name = 'AddNameHistory1795960000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "practitioner_names" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "given_name" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, "reason" text, CONSTRAINT "PK_practitioner_names" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_practitioner_names_practitioner" ON "practitioner_names" ("practitioner_id", "valid_from") `,
    );
    await queryRunner.query(
      `INSERT INTO "practitioner_names" ("practitioner_id", "given_name", "family_name", "valid_from", "valid_to", "reason")
       SELECT "id", "given_name", "family_name", "created_at", NULL, 'Name when entered on the register'
         FROM "practitioners"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_practitioner_names_practitioner"`);
    await queryRunner.query(`DROP TABLE "practitioner_names"`);
  }
}
