import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email confirmation and password reset: single-use tokens kept as hashes, and when each account's
 * address was confirmed (accounts made before this are taken as confirmed: they were made by the
 * registrar or through the API, whose callers knew the address).
 */
export class AddAccountTokens1796070000002 implements MigrationInterface {
  name = 'AddAccountTokens1796070000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "email_confirmed_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`UPDATE "users" SET "email_confirmed_at" = "created_at"`);
    await queryRunner.query(
      `CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_account_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_account_tokens_hash" ON "account_tokens" ("token_hash")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_tokens_user" ON "account_tokens" ("user_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_tokens"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_confirmed_at"`);
  }
}
