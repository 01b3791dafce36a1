import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RegisterEntryDto } from './dto/register-entry.dto.js';
import type { EntryFacts } from './entry-facts.js';
import { buildPublicEntry, staleAfter } from './public-entry.js';
import { endOfDay } from '../credentials/role-standings.js';
import {
  RegisterFactsRepository,
  type RolesSnapshot,
  type SqlRunner,
} from './register-facts.repository.js';

// Enough rows per statement to keep a 100,000-row bulk issue to a few hundred statements.
const BATCH = 500;

export interface BuiltEntry {
  practitionerId: string;
  registerNumber: string;
  document: RegisterEntryDto | null;
  listed: boolean;
  staleAfter: Date | null;
}

/**
 * The one interface through which the modules that change a practitioner's public facts keep the
 * register's read model current: call `refresh` in the same transaction, after the change.
 */
@Injectable()
export class RegisterReadModel {
  private readonly logger = new Logger(RegisterReadModel.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: RegisterFactsRepository,
  ) {}

  /**
   * Rebuilds the entries of these practitioners inside the caller's transaction. The entry rows
   * are locked first, so a concurrent writer's refresh of the same person waits and then reads
   * facts that include this one's (read committed takes a new snapshot per statement).
   */
  async refresh(manager: EntityManager, practitionerIds: readonly string[]): Promise<void> {
    const ids = [...new Set(practitionerIds)].sort();
    if (ids.length === 0) return;
    const roles = await this.facts.roles(manager);
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      await manager.query(
        `SELECT 1 FROM register_entries WHERE practitioner_id = ANY($1::uuid[]) ORDER BY practitioner_id FOR UPDATE`,
        [batch],
      );
      const built = buildEntries(await this.facts.byIds(manager, batch), roles);
      await writeEntries(manager, built, roles.version);
    }
  }

  /**
   * Marks these practitioners' entries due for a rebuild, inside the caller's transaction: one
   * statement whatever their number of credentials, for writers too big to rebuild in line (bulk
   * issuing). Every read rebuilds a due entry before using it, so none shows the old facts; call
   * `rebuild` after the commit to store fresh entries. The revision moves on, so a rebuild that
   * read the facts before this commit does not store its outdated entry. Rows are locked in
   * practitioner order, as `refresh` locks them, so two writers cannot deadlock on them.
   */
  async markDue(manager: EntityManager, practitionerIds: readonly string[]): Promise<void> {
    if (practitionerIds.length === 0) return;
    await manager.query(
      `UPDATE register_entries SET stale_after = '-infinity', revision = revision + 1
        WHERE practitioner_id IN (SELECT practitioner_id FROM register_entries
                                   WHERE practitioner_id = ANY($1::uuid[])
                                   ORDER BY practitioner_id FOR UPDATE)`,
      [[...new Set(practitionerIds)]],
    );
  }

  /**
   * Rebuilds and stores these entries now, best effort and without holding locks while the facts
   * are read: an entry a writer changed meanwhile (a newer revision) is left for its next rebuild.
   */
  async rebuild(practitionerIds: readonly string[]): Promise<void> {
    const ids = [...new Set(practitionerIds)].sort();
    for (let i = 0; i < ids.length; i += BATCH) {
      const stale = await this.dataSource.query<{ practitionerId: string; revision: number }[]>(
        `SELECT practitioner_id AS "practitionerId", revision FROM register_entries
          WHERE practitioner_id = ANY($1::uuid[])`,
        [ids.slice(i, i + BATCH)],
      );
      await this.rebuildForRead(this.dataSource, stale);
    }
  }

  /**
   * Rebuilds entries found out of date on a read and stores them, best effort: a write that
   * happened since the read (a newer revision) wins, and a failure only costs a rebuild later.
   */
  async rebuildForRead(
    runner: SqlRunner,
    stale: readonly { practitionerId: string; revision: number | null }[],
  ): Promise<Map<string, BuiltEntry>> {
    if (stale.length === 0) return new Map();
    const roles = await this.facts.roles(runner);
    const built = buildEntries(
      await this.facts.byIds(
        runner,
        stale.map((s) => s.practitionerId),
      ),
      roles,
    );
    const revisions = new Map(stale.map((s) => [s.practitionerId, s.revision]));
    try {
      await writeEntries(this.dataSource.manager, built, roles.version, revisions);
    } catch (error) {
      this.logger.warn(`Could not store rebuilt register entries: ${String(error)}`);
    }
    return new Map(built.map((b) => [b.practitionerId, b]));
  }
}

/** Today's public entries from facts (pure apart from the clock). */
export function buildEntries(facts: readonly EntryFacts[], roles: RolesSnapshot): BuiltEntry[] {
  const today = new Date().toISOString().slice(0, 10);
  const asOf = { date: today, instant: endOfDay(today), today: true };
  return facts.map((f) => ({
    practitionerId: f.id,
    registerNumber: f.registerNumber,
    document: buildPublicEntry(f, roles.roles, asOf),
    listed: f.visibility.listed !== false,
    staleAfter: staleAfter(f, roles.roles, today),
  }));
}

/**
 * Stores built entries. Without `expectedRevisions` (a writer holding the row locks) it always
 * replaces; with them (a rebuild made outside the writing transaction) only the revision it saw.
 */
export async function writeEntries(
  runner: SqlRunner,
  built: readonly BuiltEntry[],
  rolesVersion: string | null,
  expectedRevisions?: ReadonlyMap<string, number | null>,
): Promise<void> {
  if (built.length === 0) return;
  // In practitioner order, the order writers lock entries in.
  const rows = [...built]
    .sort((a, b) => (a.practitionerId < b.practitionerId ? -1 : 1))
    .map((b) => ({
      id: b.practitionerId,
      n: b.registerNumber,
      d: b.document,
      l: b.listed,
      s: b.staleAfter?.toISOString() ?? null,
      r: expectedRevisions?.get(b.practitionerId) ?? 0,
    }));
  // A writer's refresh holds the row lock and always replaces. A read's rebuild carries the
  // revision it saw (0: none) in place of the new one, and replaces only that revision.
  await runner.query(
    `INSERT INTO register_entries AS e (practitioner_id, register_number, document, listed, stale_after, roles_version, revision, updated_at)
     SELECT x.id, x.n, x.d, x.l, x.s, $2, CASE WHEN $3::boolean THEN 1 ELSE x.r END, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, n varchar, d jsonb, l boolean, s timestamptz, r integer)
     ON CONFLICT (practitioner_id) DO UPDATE SET register_number = EXCLUDED.register_number,
       document = EXCLUDED.document, listed = EXCLUDED.listed, stale_after = EXCLUDED.stale_after,
       roles_version = EXCLUDED.roles_version, revision = e.revision + 1, updated_at = now()
     WHERE $3::boolean OR e.revision = EXCLUDED.revision`,
    [JSON.stringify(rows), rolesVersion, expectedRevisions === undefined],
  );
}
