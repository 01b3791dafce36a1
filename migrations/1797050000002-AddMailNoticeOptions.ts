import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employers opt in to mail per watch-list; the mail notifier reads the outbox in (xid, seq) order
 * like the change feed, so it needs the xid of where it stopped (that of its last event).
 */
export class AddMailNoticeOptions1797050000002 implements MigrationInterface {
  name = 'AddMailNoticeOptions1797050000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "watch_lists" ADD "email_notices" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_notifier_cursor" ADD "last_xid" bigint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `UPDATE "mail_notifier_cursor" c SET "last_xid" = COALESCE((SELECT o."xid" FROM "outbox_events" o WHERE o."seq" = c."last_seq"), 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_notifier_cursor" DROP COLUMN "last_xid"`);
    await queryRunner.query(`ALTER TABLE "watch_lists" DROP COLUMN "email_notices"`);
  }
}
