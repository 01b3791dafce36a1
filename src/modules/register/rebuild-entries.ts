import { RegisterFactsRepository, type SqlRunner } from './register-facts.repository.js';
import { buildEntries, writeEntries } from './register-read-model.js';

const BATCH = 1000;

/**
 * Builds every stored entry that is due (new rows loaded straight into the tables, a role change,
 * dates passed), in practitioner order, a batch per statement. For loaders and scripts: the app
 * itself builds entries as it writes and rebuilds on read. Safe beside a running app: a row the
 * app rewrote meanwhile (a newer revision) is left as the app wrote it.
 */
export async function rebuildStaleEntries(
  runner: SqlRunner,
  onProgress: (built: number) => void = () => undefined,
): Promise<number> {
  const facts = new RegisterFactsRepository();
  const roles = await facts.roles(runner);
  let after = '00000000-0000-0000-0000-000000000000';
  let built = 0;
  for (;;) {
    const due = await runner.query<{ practitioner_id: string; revision: number }[]>(
      `SELECT practitioner_id, revision FROM register_entries
        WHERE practitioner_id > $1
          AND ((stale_after IS NOT NULL AND stale_after <= now()) OR roles_version IS DISTINCT FROM $2)
        ORDER BY practitioner_id LIMIT $3`,
      [after, roles.version, BATCH],
    );
    if (due.length === 0) return built;
    const entries = buildEntries(
      await facts.byIds(
        runner,
        due.map((d) => d.practitioner_id),
      ),
      roles,
    );
    await writeEntries(
      runner,
      entries,
      roles.version,
      new Map(due.map((d) => [d.practitioner_id, d.revision])),
    );
    built += entries.length;
    onProgress(built);
    after = due.at(-1)?.practitioner_id ?? after;
  }
}
