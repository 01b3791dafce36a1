import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The mail outbox: mails queued with the change that causes them, sent once, retried with back-off. */
export class AddMailOutbox1796070000001 implements MigrationInterface {
  name = 'AddMailOutbox1796070000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(60) NOT NULL, "to" character varying(320) NOT NULL, "subject" character varying(300) NOT NULL, "text" text NOT NULL, "html" text, "status" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT 0, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_mail_outbox" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
  }
}
