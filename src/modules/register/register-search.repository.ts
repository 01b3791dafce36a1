import { Inject, Injectable } from '@nestjs/common';
import { PUBLIC_READS, type PublicReads } from '../../database/public-reads.js';
import type { RegisterEntryDto } from './dto/register-entry.dto.js';
import type { SqlRunner } from './register-facts.repository.js';

/** A stored public entry as a read finds it; `stale` when it must be rebuilt before use. */
export interface StoredEntry {
  practitionerId: string;
  document: RegisterEntryDto | null;
  revision: number;
  stale: boolean;
}

export interface NameHit extends StoredEntry {
  nameScore: number;
  formerScore: number;
}

// Out of date when time has moved past a dated change, or a role changed after it was built.
const STORED = `e.practitioner_id, e.document, e.revision,
  (e.stale_after IS NOT NULL AND e.stale_after <= now())
    OR e.roles_version IS DISTINCT FROM (SELECT max(r.updated_at)::text FROM roles r) AS stale`;

interface StoredRow {
  practitioner_id: string;
  document: RegisterEntryDto | null;
  revision: number;
  stale: boolean;
}

const stored = (r: StoredRow): StoredEntry => ({
  practitionerId: r.practitioner_id,
  document: r.document,
  revision: r.revision,
  stale: r.stale,
});

/**
 * Read paths of the public register, as SQL over the read model. Every one is a single statement
 * whose cost does not grow with the number of people who match: index lookups, or an index read
 * nearest first that stops after a page, with a count that stops at a cap.
 */
@Injectable()
export class RegisterSearchRepository {
  constructor(@Inject(PUBLIC_READS) private readonly reads: PublicReads) {}

  /** `from` is the primary for a reader who must see their own writes; else a replica. */
  async entryByRegisterNumber(
    registerNumber: string,
    from: SqlRunner = this.reads,
  ): Promise<StoredEntry | null> {
    const rows = await from.query<StoredRow[]>(
      `SELECT ${STORED} FROM register_entries e WHERE e.register_number = $1`,
      [registerNumber],
    );
    return rows[0] ? stored(rows[0]) : null;
  }

  /**
   * Listed entries in register number order after `after`, a page at a time: the open-data
   * snapshot reads the whole register this way without holding it in memory.
   */
  async listedAfter(
    after: string,
    limit: number,
  ): Promise<(StoredEntry & { registerNumber: string })[]> {
    const rows = await this.reads.query<(StoredRow & { register_number: string })[]>(
      `SELECT e.register_number, ${STORED} FROM register_entries e
        WHERE e.listed AND e.register_number > $1 ORDER BY e.register_number LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({ ...stored(r), registerNumber: r.register_number }));
  }

  /** Holders of these professional registrations (body and number pairs). */
  async entriesByRegistrations(
    registrations: readonly { body: string; number: string }[],
  ): Promise<StoredEntry[]> {
    if (registrations.length === 0) return [];
    const rows = await this.reads.query<StoredRow[]>(
      `SELECT DISTINCT ON (e.practitioner_id) ${STORED}
         FROM professional_registrations pr JOIN register_entries e ON e.practitioner_id = pr.practitioner_id
        WHERE (pr.body, pr.number) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [registrations.map((r) => r.body), registrations.map((r) => r.number)],
    );
    return rows.map(stored);
  }

  /**
   * Listed people whose visible names match every word of `query` (each allowing a slip), best
   * first, with their stored entries, and how many match up to a cap: one statement. A single word
   * is read a page at a time from who holds it; several words meet in a GIN index, and at most
   * `depth` people are ranked, so the cost does not grow with how many share a name.
   */
  async searchNames(
    query: string,
    limit: number,
    offset: number,
    depth: number,
    totalCap: number,
  ): Promise<{ hits: NameHit[]; total: number }> {
    const rows = await this.reads.query<
      (StoredRow & { name_score: number; former_score: number; total: number })[]
    >(
      `SELECT h.name_score, h.former_score, h.total, ${STORED}
         FROM registry_name_search($1, $2, $3, $4, $5) WITH ORDINALITY
              AS h(practitioner_id, score, name_score, former_score, total, ord)
         JOIN register_entries e ON e.practitioner_id = h.practitioner_id
        ORDER BY h.ord`,
      [query, limit, offset, depth, totalCap],
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      hits: rows.map((r) => ({
        ...stored(r),
        nameScore: Number(r.name_score),
        formerScore: Number(r.former_score),
      })),
    };
  }

  /**
   * Listed people whose entry shows them holding `role` today, in register number order after
   * `after`, optionally with a given standing in it; the count stops at `cap`.
   */
  async holdersOf(
    role: string,
    standing: string | undefined,
    after: string,
    limit: number,
    cap: number,
  ): Promise<{ entries: (StoredEntry & { registerNumber: string })[]; total: number }> {
    const filter = `e.listed AND e.document -> 'roles' @> jsonb_build_array(jsonb_build_object('role', $1::text, 'appointed', true))
      AND ($2::text IS NULL OR COALESCE((SELECT r ->> 'standing' FROM jsonb_array_elements(e.document -> 'roles') r
            WHERE r ->> 'role' = $1 LIMIT 1), 'not-certified') = $2)`;
    const rows = await this.reads.query<(StoredRow & { register_number: string; total: string })[]>(
      `SELECT t.total, h.* FROM (SELECT count(*) AS total FROM (SELECT 1 FROM register_entries e WHERE ${filter} LIMIT $5) c) t
         LEFT JOIN LATERAL (SELECT e.register_number, ${STORED} FROM register_entries e
                             WHERE ${filter} AND e.register_number > $3 ORDER BY e.register_number LIMIT $4) h ON true
        ORDER BY h.register_number`,
      [role, standing ?? null, after, limit, cap],
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      entries: rows
        .filter((r) => r.practitioner_id !== null)
        .map((r) => ({ ...stored(r), registerNumber: r.register_number })),
    };
  }
}
