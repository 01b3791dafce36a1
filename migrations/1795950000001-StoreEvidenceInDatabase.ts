import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence bytes move from DATA_DIR/evidence into the database, so any instance serves any upload.
 * Files already on disk are copied in by the app at start-up (EvidenceStorage.importFromDisk),
 * which can read DATA_DIR where a migration run elsewhere cannot.
 */
export class StoreEvidenceInDatabase1795950000001 implements MigrationInterface {
  name = 'StoreEvidenceInDatabase1795950000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence_chunks" ("storage_key" character varying(300) NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_evidence_chunks" PRIMARY KEY ("storage_key", "seq"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evidence_chunks"`);
  }
}
