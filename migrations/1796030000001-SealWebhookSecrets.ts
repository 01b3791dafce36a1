import type { MigrationInterface, QueryRunner } from 'typeorm';
import path from 'node:path';
import { resolveKek } from '../src/modules/trust/kek.js';
import { decryptPrivateKey } from '../src/modules/trust/key-material.js';
import { sealSecret, watchListContext } from '../src/modules/trust/secret-box.js';

/** The KEK the app would use (KEY_ENCRYPTION_KEY, or a laptop's generated one), read only when needed. */
const kek = () =>
  resolveKek(
    process.env.KEY_ENCRYPTION_KEY,
    path.resolve(process.env.DATA_DIR ?? './data'),
    process.env.NODE_ENV === 'production',
  );

/** Webhook signing secrets sealed under the KEK: a copy of the database no longer holds them. */
export class SealWebhookSecrets1796030000001 implements MigrationInterface {
  name = 'SealWebhookSecrets1796030000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "watch_lists" ADD "secret_sealed" character varying(300)`);
    const rows = (await queryRunner.query(`SELECT "id", "secret" FROM "watch_lists"`)) as Array<{
      id: string;
      secret: string;
    }>;
    const key = rows.length > 0 ? kek() : undefined;
    for (const row of rows) {
      await queryRunner.query(`UPDATE "watch_lists" SET "secret_sealed" = $2 WHERE "id" = $1`, [
        row.id,
        sealSecret(row.secret, key as Buffer, watchListContext(row.id)),
      ]);
    }
    await queryRunner.query(`ALTER TABLE "watch_lists" ALTER COLUMN "secret_sealed" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "watch_lists" DROP COLUMN "secret"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "watch_lists" ADD "secret" character varying(100)`);
    const rows = (await queryRunner.query(
      `SELECT "id", "secret_sealed" FROM "watch_lists"`,
    )) as Array<{ id: string; secret_sealed: string }>;
    const key = rows.length > 0 ? kek() : undefined;
    for (const row of rows) {
      const plain = decryptPrivateKey(row.secret_sealed, key as Buffer, watchListContext(row.id));
      await queryRunner.query(`UPDATE "watch_lists" SET "secret" = $2 WHERE "id" = $1`, [
        row.id,
        plain.toString('utf8'),
      ]);
    }
    await queryRunner.query(`ALTER TABLE "watch_lists" ALTER COLUMN "secret" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "watch_lists" DROP COLUMN "secret_sealed"`);
  }
}
