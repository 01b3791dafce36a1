import type { MigrationInterface, QueryRunner } from 'typeorm';

const SIGNATURE = 'registry_name_search(text, integer, integer, integer, integer)';

/**
 * Tells the planner that a name search returns a page (at most 100 rows, usually 20), not the
 * 1,000 rows PostgreSQL assumes of any set-returning function. With 1,000 it joined the page to
 * `register_entries` by hashing the whole table: a sequential scan of every entry on each search
 * (20,000 people: 20 ms of a 26 ms search, 0.10 of the bare server's req/s). With 20 it looks each
 * hit up by primary key (13 ms, 0.50). CREATE OR REPLACE of the function resets this: repeat it.
 */
export class EstimateNameSearchRows1797060000001 implements MigrationInterface {
  name = 'EstimateNameSearchRows1797060000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION ${SIGNATURE} ROWS 20`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION ${SIGNATURE} ROWS 1000`);
  }
}
