import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A certifying body's credentials list, newest first and paged by cursor: one index scan per page
 * (read backwards), however many credentials the body has issued.
 */
export class IndexIssuerCredentialList1796080000001 implements MigrationInterface {
  name = 'IndexIssuerCredentialList1796080000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_credentials_issuer_created" ON "credentials" ("issuer_id", "created_at", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_credentials_issuer_created"`);
  }
}
