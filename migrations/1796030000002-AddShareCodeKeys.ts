import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hkdfSync } from 'node:crypto';
import path from 'node:path';
import { resolveJwtSecret } from '../src/modules/auth/jwt-secret.js';
import { resolveKek } from '../src/modules/trust/kek.js';
import { sealSecret, shareCodeKeyContext } from '../src/modules/trust/secret-box.js';

const LEGACY_KEY_ID = 'jwt-derived';

/**
 * Share codes get hash keys of their own, sealed under the KEK. Codes already issued were hashed
 * with a key derived from JWT_SECRET: that key is derived once more here and kept as the first
 * key, so those codes keep working after JWT_SECRET is rotated.
 */
export class AddShareCodeKeys1796030000002 implements MigrationInterface {
  name = 'AddShareCodeKeys1796030000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "share_code_keys" ("id" character varying(40) NOT NULL, "key_sealed" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_share_code_keys" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "share_codes" ADD "key_id" character varying(40)`);
    const [{ n }] = (await queryRunner.query(
      `SELECT count(*)::int AS n FROM "share_codes"`,
    )) as Array<{ n: number }>;
    if (n > 0) {
      const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
      const secret = resolveJwtSecret(process.env.JWT_SECRET, dataDir);
      const key = Buffer.from(
        hkdfSync('sha256', secret, 'digital-leadership-registry', 'share-codes/v1', 32),
      );
      const kek = resolveKek(
        process.env.KEY_ENCRYPTION_KEY,
        dataDir,
        process.env.NODE_ENV === 'production',
      );
      await queryRunner.query(
        `INSERT INTO "share_code_keys" ("id", "key_sealed", "created_at") VALUES ($1, $2, '2000-01-01')`,
        [LEGACY_KEY_ID, sealSecret(key, kek, shareCodeKeyContext(LEGACY_KEY_ID))],
      );
      await queryRunner.query(`UPDATE "share_codes" SET "key_id" = $1`, [LEGACY_KEY_ID]);
    }
    await queryRunner.query(`ALTER TABLE "share_codes" ALTER COLUMN "key_id" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_share_codes_key" ON "share_codes" ("key_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_share_codes_key"`);
    await queryRunner.query(`ALTER TABLE "share_codes" DROP COLUMN "key_id"`);
    await queryRunner.query(`DROP TABLE "share_code_keys"`);
  }
}
