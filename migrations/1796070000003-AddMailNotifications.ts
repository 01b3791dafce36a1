import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mails about changes: a cursor into the outbox (starting at its end, so nobody is mailed about the
 * past) and the reminders already sent, so the daily expiry job can run any number of times.
 */
export class AddMailNotifications1796070000003 implements MigrationInterface {
  name = 'AddMailNotifications1796070000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_notifier_cursor" ("id" smallint NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "PK_mail_notifier_cursor" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_notifier_cursor" ("id", "last_seq") SELECT 1, COALESCE(max(seq), 0) FROM "outbox_events"`,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_reminders" ("key" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_mail_reminders" PRIMARY KEY ("key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_reminders"`);
    await queryRunner.query(`DROP TABLE "mail_notifier_cursor"`);
  }
}
