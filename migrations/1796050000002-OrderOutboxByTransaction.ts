import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each outbox event carries the id of the transaction that wrote it, so readers can page in
 * (xid, seq) order and stop below the oldest transaction still running: an event whose
 * transaction commits late can no longer fall behind a reader's cursor. Events already written
 * get 0 and keep their seq order, so cursors handed out before this migration stay valid.
 */
export class OrderOutboxByTransaction1796050000002 implements MigrationInterface {
  name = 'OrderOutboxByTransaction1796050000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "xid" bigint`);
    await queryRunner.query(`UPDATE "outbox_events" SET "xid" = 0`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ALTER COLUMN "xid" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_events_xid_seq" ON "outbox_events" ("xid", "seq") `,
    );
    // The webhook fan-out reads the outbox the same way; its place so far is among the xid 0 events.
    await queryRunner.query(
      `ALTER TABLE "webhook_cursor" ADD "last_xid" bigint NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_cursor" DROP COLUMN "last_xid"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_events_xid_seq"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "xid"`);
  }
}
