import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log becomes a Merkle transparency log fed by a queue. Writers insert into
 * audit_queue; the sequencer moves entries into audit_events with RFC 9162 leaf hashes, stores
 * complete subtree hashes in audit_tree_nodes and signs a checkpoint per batch.
 *
 * Entries already logged go back through the queue in their order, so they keep their seq and
 * ids and get leaf hashes; checkpoints signed over the old hash chain no longer describe any tree
 * and are removed (docs/DEPLOYMENT.md).
 */
export class MakeAuditLogMerkleTree1795820000001 implements MigrationInterface {
  name = 'MakeAuditLogMerkleTree1795820000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_queue" ("queued_seq" BIGSERIAL NOT NULL, "id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "action" character varying(60) NOT NULL, "actor_type" character varying(10) NOT NULL, "actor_id" uuid, "entity_type" character varying(40) NOT NULL, "entity_id" character varying(100), "data" jsonb NOT NULL DEFAULT '{}', "correlation_id" character varying(100), CONSTRAINT "UQ_f2d49bdcd1070a77457a454179b" UNIQUE ("id"), CONSTRAINT "PK_76cac843305574645e8c9bd3d66" PRIMARY KEY ("queued_seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_sequencer" ("id" smallint NOT NULL, "holder" character varying(100), "lease_expires_at" TIMESTAMP WITH TIME ZONE, "tree_size" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_1ae08007690fd0dfb934a33c65c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_tree_nodes" ("level" smallint NOT NULL, "node_index" bigint NOT NULL, "hash" bytea NOT NULL, CONSTRAINT "PK_245a6609bb28d8099e016c002c6" PRIMARY KEY ("level", "node_index"))`,
    );
    await queryRunner.query(`ALTER TABLE "verification_receipts" ADD "audit_entry_id" uuid`);
    await queryRunner.query(`INSERT INTO "audit_sequencer" ("id", "tree_size") VALUES (1, 0)`);

    await queryRunner.query(
      `INSERT INTO "audit_queue" ("id", "occurred_at", "action", "actor_type", "actor_id", "entity_type", "entity_id", "data", "correlation_id")
       SELECT "id", "occurred_at", "action", "actor_type", "actor_id", "entity_type", "entity_id", "data", "correlation_id"
         FROM "audit_events" ORDER BY "seq"`,
    );
    // Only the migration (as the tables' owner) may lift the append-only triggers, and only here.
    await queryRunner.query(
      `ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only"`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_checkpoints" DISABLE TRIGGER "audit_checkpoints_append_only"`,
    );
    await queryRunner.query(`DELETE FROM "audit_events"`);
    await queryRunner.query(`DELETE FROM "audit_checkpoints"`);
    await queryRunner.query(`ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only"`);
    await queryRunner.query(
      `ALTER TABLE "audit_checkpoints" ENABLE TRIGGER "audit_checkpoints_append_only"`,
    );
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "prev_hash"`);

    await queryRunner.query(
      `CREATE TRIGGER "audit_tree_nodes_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_tree_nodes" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_change"()`,
    );
    // As AddTrust: where the app runs as its own role, the integrated log and its tree are
    // insert-only for it, while the queue (which the sequencer empties) and the lease row get
    // exactly what they need. Never fails where there is no such role (PGlite, laptops).
    await queryRunner.query(`DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'registry_app')
     AND EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_queue' AND tableowner = current_user) THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events", "audit_checkpoints", "audit_tree_nodes" FROM registry_app;
    GRANT SELECT, INSERT ON "audit_events", "audit_checkpoints", "audit_tree_nodes" TO registry_app;
    REVOKE UPDATE, TRUNCATE ON "audit_queue" FROM registry_app;
    GRANT SELECT, INSERT, DELETE ON "audit_queue" TO registry_app;
    GRANT USAGE ON SEQUENCE "audit_queue_queued_seq_seq" TO registry_app;
    REVOKE INSERT, DELETE, TRUNCATE ON "audit_sequencer" FROM registry_app;
    GRANT SELECT, UPDATE ON "audit_sequencer" TO registry_app;
  END IF;
EXCEPTION WHEN insufficient_privilege OR undefined_object THEN
  RAISE NOTICE 'audit privileges left unchanged (%)', SQLERRM;
END
$$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER IF EXISTS "audit_tree_nodes_append_only" ON "audit_tree_nodes"`,
    );
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "prev_hash" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "verification_receipts" DROP COLUMN "audit_entry_id"`);
    await queryRunner.query(`DROP TABLE "audit_tree_nodes"`);
    await queryRunner.query(`DROP TABLE "audit_sequencer"`);
    await queryRunner.query(`DROP TABLE "audit_queue"`);
  }
}
