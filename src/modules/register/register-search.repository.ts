import { Inject, Injectable } from '@nestjs/common';
import { prepared } from '../../database/prepared.js';
import { PUBLIC_READS, type PublicReads } from '../../database/public-reads.js';
import type { RegisterEntryDto } from './dto/register-entry.dto.js';
import { ROLES_VERSION_SQL, type SqlRunner } from './register-facts.repository.js';

/** A stored public entry as a read finds it; `stale` when it must be rebuilt before use. */
export interface StoredEntry {
  practitionerId: string;
  document: RegisterEntryDto | null;
  revision: number;
  stale: boolean;
}

/**
 * What a search result shows of a stored entry, read from it in SQL: a result page never reads,
 * parses or copies whole entry documents (about 1.5 kB each), only these few fields.
 */
export interface EntrySummary {
  registerNumber: string;
  givenName: string;
  familyName: string;
  formerNames: string[];
  registerStatus: string;
  roles: { role: string; appointed: boolean; standing: string }[];
}

/** A stored entry's summary as a search finds it; `stale` when it must be rebuilt before use. */
export interface StoredSummary {
  practitionerId: string;
  summary: EntrySummary | null;
  revision: number;
  stale: boolean;
}

export interface NameHit extends StoredSummary {
  nameScore: number;
  formerScore: number;
}

// Out of date when time has moved past a dated change, or a role changed after it was built.
const STALE = `(e.stale_after IS NOT NULL AND e.stale_after <= now())
    OR e.roles_version IS DISTINCT FROM (SELECT ${ROLES_VERSION_SQL})`;
const STORED = `e.practitioner_id, e.document, e.revision, ${STALE} AS stale`;
// The document as the text PostgreSQL keeps it in: served as it is, never parsed (see entryText).
const STORED_TEXT = `e.practitioner_id, e.document::text AS document, e.revision, ${STALE} AS stale`;
// The summary fields, kept beside the document by a trigger (registry_entry_summary): a result
// page never reads, parses or copies whole entry documents.
const SUMMARY = `e.practitioner_id, e.revision, ${STALE} AS stale, e.summary`;

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

interface SummaryRow {
  practitioner_id: string;
  summary: EntrySummary | null;
  revision: number;
  stale: boolean;
}

const summarised = (r: SummaryRow): StoredSummary => ({
  practitionerId: r.practitioner_id,
  summary: r.summary,
  revision: r.revision,
  stale: r.stale,
});

/** A stored entry as the text of its document (null when it has none yet). */
export interface StoredEntryText {
  practitionerId: string;
  text: string | null;
  revision: number;
  stale: boolean;
}

/**
 * Read paths of the public register, as SQL over the read model. Every one is a single statement
 * whose cost does not grow with the number of people who match: index lookups, or an index read
 * nearest first that stops after a page, with a count that stops at a cap.
 */
@Injectable()
export class RegisterSearchRepository {
  constructor(@Inject(PUBLIC_READS) private readonly reads: PublicReads) {}

  /**
   * The stored entry's document as text, for a response that sends it as it is: no JSON parse,
   * copy or stringify per request. `from` is the primary for a reader who must see their
   * own writes; else a replica.
   */
  async entryTextByRegisterNumber(
    registerNumber: string,
    from: SqlRunner = this.reads,
  ): Promise<StoredEntryText | null> {
    const rows = await from.query<(Omit<StoredRow, 'document'> & { document: string | null })[]>(
      prepared(
        'register-entry-text',
        `SELECT ${STORED_TEXT} FROM register_entries e WHERE e.register_number = $1`,
      ),
      [registerNumber],
    );
    const r = rows[0];
    if (!r) return null;
    const text = r.document === null || r.document === 'null' ? null : r.document;
    return { practitionerId: r.practitioner_id, text, revision: r.revision, stale: r.stale };
  }

  /** The summary of the listed entry with this register number (a search by number). */
  async summaryByRegisterNumber(registerNumber: string): Promise<StoredSummary | null> {
    const rows = await this.reads.query<SummaryRow[]>(
      prepared(
        'register-summary-by-number',
        `SELECT ${SUMMARY} FROM register_entries e WHERE e.register_number = $1`,
      ),
      [registerNumber],
    );
    return rows[0] ? summarised(rows[0]) : null;
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

  /**
   * Holders of these professional registrations (body and number pairs), with whether their stored
   * entry shows the registration asked for (only those who show it may be found by it).
   */
  async entriesByRegistrations(
    registrations: readonly { body: string; number: string }[],
  ): Promise<(StoredSummary & { shown: boolean })[]> {
    if (registrations.length === 0) return [];
    if (registrations.length === 1) {
      // The usual case (a GMC number, or a number with its body named): plain parameters, so the
      // prepared statement keeps one plan (a btree lookup on body and number). Arrays in unnest()
      // made every execution plan again, which cost more than running it.
      const [{ body, number }] = registrations;
      const rows = await this.reads.query<(SummaryRow & { shown: boolean })[]>(
        prepared(
          'register-summary-by-registration',
          `SELECT ${SUMMARY},
                e.document -> 'professionalRegistrations' @> jsonb_build_array(jsonb_build_object('body', pr.body, 'number', pr.number)) AS shown
           FROM professional_registrations pr JOIN register_entries e ON e.practitioner_id = pr.practitioner_id
          WHERE pr.body = $1 AND pr.number = $2`,
        ),
        [body, number],
      );
      return rows.map((r) => ({ ...summarised(r), shown: r.shown === true }));
    }
    const rows = await this.reads.query<(SummaryRow & { shown: boolean })[]>(
      prepared(
        'register-summaries-by-registration',
        `SELECT DISTINCT ON (e.practitioner_id) ${SUMMARY},
              e.document -> 'professionalRegistrations' @> jsonb_build_array(jsonb_build_object('body', pr.body, 'number', pr.number)) AS shown
         FROM professional_registrations pr JOIN register_entries e ON e.practitioner_id = pr.practitioner_id
        WHERE (pr.body, pr.number) IN (SELECT * FROM unnest($1::text[], $2::text[]))
        ORDER BY e.practitioner_id, shown DESC NULLS LAST`,
      ),
      [registrations.map((r) => r.body), registrations.map((r) => r.number)],
    );
    return rows.map((r) => ({ ...summarised(r), shown: r.shown === true }));
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
      (SummaryRow & { name_score: number; former_score: number; total: number })[]
    >(
      prepared(
        'register-name-search',
        `SELECT h.name_score, h.former_score, h.total, ${SUMMARY}
           FROM registry_name_search($1, $2, $3, $4, $5) WITH ORDINALITY
                AS h(practitioner_id, score, name_score, former_score, total, ord)
           JOIN register_entries e ON e.practitioner_id = h.practitioner_id
          ORDER BY h.ord`,
      ),
      [query, limit, offset, depth, totalCap],
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      hits: rows.map((r) => ({
        ...summarised(r),
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
  ): Promise<{ entries: (StoredSummary & { registerNumber: string })[]; total: number }> {
    const filter = `e.listed AND e.document -> 'roles' @> jsonb_build_array(jsonb_build_object('role', $1::text, 'appointed', true))
      AND ($2::text IS NULL OR COALESCE((SELECT r ->> 'standing' FROM jsonb_array_elements(e.document -> 'roles') r
            WHERE r ->> 'role' = $1 LIMIT 1), 'not-certified') = $2)`;
    const rows = await this.reads.query<
      (SummaryRow & { register_number: string; total: string })[]
    >(
      `SELECT t.total, h.* FROM (SELECT count(*) AS total FROM (SELECT 1 FROM register_entries e WHERE ${filter} LIMIT $5) c) t
         LEFT JOIN LATERAL (SELECT e.register_number, ${SUMMARY} FROM register_entries e
                             WHERE ${filter} AND e.register_number > $3 ORDER BY e.register_number LIMIT $4) h ON true
        ORDER BY h.register_number`,
      [role, standing ?? null, after, limit, cap],
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      entries: rows
        .filter((r) => r.practitioner_id !== null)
        .map((r) => ({ ...summarised(r), registerNumber: r.register_number })),
    };
  }
}
