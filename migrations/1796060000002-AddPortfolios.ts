import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The experience route: portfolios with their referees and the assessing body's decision. */
export class AddPortfolios1796060000002 implements MigrationInterface {
  name = 'AddPortfolios1796060000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portfolios" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "role_code" character varying(20) NOT NULL, "assessor_issuer_id" uuid NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'draft', "roles_held" jsonb NOT NULL, "evidence" jsonb NOT NULL, "decision" jsonb, "credential_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_portfolios" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_portfolios_practitioner" ON "portfolios" ("practitioner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_portfolios_assessor" ON "portfolios" ("assessor_issuer_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_portfolios_credential" ON "portfolios" ("credential_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "portfolio_referees" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(320) NOT NULL, "relationship" character varying(300) NOT NULL, "register_number" character varying(10), "organisation_id" uuid, "token_hash" character varying(64), "token_expires_at" TIMESTAMP WITH TIME ZONE, "answer" character varying(20), "comment" text, "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_portfolio_referees" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_portfolio_referees_portfolio" ON "portfolio_referees" ("portfolio_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_portfolio_referees_organisation" ON "portfolio_referees" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_portfolio_referees_token" ON "portfolio_referees" ("token_hash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_portfolio_referees_token"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portfolio_referees_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portfolio_referees_portfolio"`);
    await queryRunner.query(`DROP TABLE "portfolio_referees"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portfolios_credential"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portfolios_assessor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portfolios_practitioner"`);
    await queryRunner.query(`DROP TABLE "portfolios"`);
  }
}
