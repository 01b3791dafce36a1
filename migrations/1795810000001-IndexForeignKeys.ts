import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every column that points at another row gets an index led by it: without one, an entry or a
 * cascade reads a whole table (role appointments and professional registrations did, on every
 * public entry). The pg_catalog test (test/e2e/schema-indexes.e2e-spec.ts) keeps it so.
 */
export class IndexForeignKeys1795810000001 implements MigrationInterface {
  name = 'IndexForeignKeys1795810000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, table, columns] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" (${columns})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) {
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
    }
  }
}

const INDEXES: ReadonlyArray<readonly [string, string, string]> = [
  ['ix_role_appointments_practitioner', 'role_appointments', '"practitioner_id"'],
  ['ix_professional_registrations_practitioner', 'professional_registrations', '"practitioner_id"'],
  ['ix_claims_credential', 'claims', '"credential_id"'],
  ['ix_credentials_claim', 'credentials', '"claim_id"'],
  ['ix_evidence_practitioner', 'evidence', '"practitioner_id"'],
  ['ix_users_practitioner', 'users', '"practitioner_id"'],
  ['ix_users_issuer', 'users', '"issuer_id"'],
  ['ix_users_organisation', 'users', '"organisation_id"'],
  ['ix_watch_lists_share_code', 'watch_lists', '"share_code_id"'],
  ['ix_share_code_uses_organisation', 'share_code_uses', '"organisation_id"'],
  ['ix_verification_receipts_organisation', 'verification_receipts', '"organisation_id"'],
  ['ix_register_lookups_organisation', 'register_lookups', '"organisation_id"'],
];
