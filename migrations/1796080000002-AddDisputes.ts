import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Disputes: a practitioner or employer contests a record; the registrar resolves it with a reason. */
export class AddDisputes1796080000002 implements MigrationInterface {
  name = 'AddDisputes1796080000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "disputes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practitioner_id" uuid NOT NULL, "raised_by" uuid NOT NULL, "raised_by_role" character varying(20) NOT NULL, "about" character varying(200) NOT NULL, "details" character varying(4000) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "resolution" character varying(2000), "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_disputes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_disputes_practitioner" ON "disputes" ("practitioner_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_disputes_raised_by" ON "disputes" ("raised_by")`);
    await queryRunner.query(`CREATE INDEX "ix_disputes_resolved_by" ON "disputes" ("resolved_by")`);
    await queryRunner.query(
      `CREATE INDEX "ix_disputes_status_created" ON "disputes" ("status", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "disputes"`);
  }
}
