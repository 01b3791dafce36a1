import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A credential's public verification page, shown only once its holder has said so (off by default). */
export class AddCredentialPublicPages1796050000001 implements MigrationInterface {
  name = 'AddCredentialPublicPages1796050000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "credentials" ADD "public_page" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credentials" DROP COLUMN "public_page"`);
  }
}
