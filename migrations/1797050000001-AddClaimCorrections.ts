import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A practitioner corrects a claim: a pending one in place (when is recorded), a rejected one by a
 * new pending claim that names the claim it corrects.
 */
export class AddClaimCorrections1797050000001 implements MigrationInterface {
  name = 'AddClaimCorrections1797050000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" ADD "corrected_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "claims" ADD "corrects_claim_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_claims_corrects" ON "claims" ("corrects_claim_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_claims_corrects"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "corrects_claim_id"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "corrected_at"`);
  }
}
