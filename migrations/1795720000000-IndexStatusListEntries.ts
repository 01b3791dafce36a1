import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One status list entry belongs to one credential; the index also serves building the lists. */
export class IndexStatusListEntries1795720000000 implements MigrationInterface {
  name = 'IndexStatusListEntries1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credentials_status_list" ON "credentials" ("status_list_id", "status_list_index") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_credentials_status_list"`);
  }
}
