import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { detectRegistration } from '../practitioners/professional-registration.js';
import { requireRegisterNumber } from '../practitioners/register-number.parse.js';
import { looksLikeRegisterNumber } from '../practitioners/register-number.js';
import { RolesService } from '../roles/roles.service.js';
import type {
  RegisterSearchItemDto,
  RegisterSearchPageDto,
  RegisterSearchQueryDto,
} from './dto/register-search.dto.js';
import { parseAt } from './point-in-time.js';
import { PublicEntryService } from './public-entry.service.js';
import { RegisterLookup } from './register-lookup.entity.js';
import {
  InvalidAtDateError,
  InvalidCursorError,
  StandingNeedsRoleError,
  UnknownRoleError,
} from './register.errors.js';
import type { RegisterEntryDto } from './dto/register-entry.dto.js';
import { RegisterSearchRepository, type StoredSummary } from './register-search.repository.js';
import { type Cursor, decodeCursor, encodeCursor } from './search-cursor.js';

/**
 * Totals are counted this far and no further: beyond it the answer is "at least this many", so a
 * name shared by thousands costs no more to count than one shared by a hundred.
 */
export const TOTAL_CAP = 100;
/** Results are paged this deep and no further: reaching further would read every match before. */
export const DEPTH_CAP = 1000;
// A role or standing filter on a name search looks at this many best name matches at most.
const FILTER_CANDIDATES = 200;

type Match = RegisterSearchItemDto['matchedOn'];

@Injectable()
export class RegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RolesService,
    private readonly entries: PublicEntryService,
    private readonly repository: RegisterSearchRepository,
    private readonly audit: AuditService,
  ) {}

  async search(query: RegisterSearchQueryDto): Promise<RegisterSearchPageDto> {
    const pageSize = query.pageSize ?? 20;
    const q = query.q?.trim() ?? '';
    if (query.standing && !query.role) throw new StandingNeedsRoleError();
    if (query.role) await this.requireRole(query.role);
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && cursor === null) throw new InvalidCursorError();
    const page = query.page ?? 1;
    const exact = await this.exactMatches(q);
    if (exact !== null) return this.page(exact, exact.length, page, pageSize, null);
    if (q !== '' && !query.role) return this.byName(q, cursor, page, pageSize);
    if (q !== '') return this.byNameFiltered(q, query, page, pageSize);
    if (query.role) return this.byRole(query.role, query.standing, cursor, page, pageSize);
    return this.page([], 0, page, pageSize, null);
  }

  /**
   * The entry as the JSON text of the response: today's is the stored document's text, sent as it
   * is (no parse and stringify per request); a past date's is computed from the histories.
   */
  async entry(
    registerNumberInput: string,
    at: string | undefined,
    by: Principal | null,
  ): Promise<string> {
    const registerNumber = requireRegisterNumber(registerNumberInput);
    const parsed = parseAt(at);
    if (!parsed.ok) throw new InvalidAtDateError(parsed.message);
    // Whoever changes these facts (the practitioner, an issuer, the registrar) sees their own writes.
    const ownWrites = by !== null && by.role !== 'employer';
    let found: { practitionerId: string; json: string };
    if (parsed.asOf.today) {
      found = await this.entries.todayText(registerNumber, parsed.asOf.date, ownWrites);
    } else {
      const { practitionerId, entry } = await this.entries.at(
        registerNumber,
        parsed.asOf,
        ownWrites,
      );
      found = { practitionerId, json: JSON.stringify(entry) };
    }
    if (by?.role === 'employer' && by.organisationId) {
      await this.recordLookup(found.practitionerId, by);
    }
    return found.json;
  }

  private async byName(
    q: string,
    cursor: Cursor | null,
    page: number,
    pageSize: number,
  ): Promise<RegisterSearchPageDto> {
    const offset = cursor?.kind === 'offset' ? cursor.offset : (page - 1) * pageSize;
    if (cursor !== null && cursor.kind !== 'offset') throw new InvalidCursorError();
    const limit = Math.max(0, Math.min(pageSize, DEPTH_CAP - offset));
    if (limit === 0) return this.page([], 0, page, pageSize, null);
    // One more than the page shows whether there are more; the capped count comes with the page.
    const { hits: found, total: counted } = await this.repository.searchNames(
      q,
      limit + 1,
      offset,
      DEPTH_CAP + 1,
      TOTAL_CAP + 1,
    );
    const hits = found.slice(0, limit);
    const total =
      found.length <= limit ? offset + found.length : Math.max(counted, offset + found.length);
    const items = await this.describe(
      hits.map((h) => ({
        stored: h,
        matchedOn: h.formerScore > h.nameScore ? ('former-name' as const) : ('name' as const),
      })),
      undefined,
    );
    const end = offset + hits.length;
    const more = found.length > limit && end < DEPTH_CAP;
    return this.page(
      items,
      total,
      cursor ? Math.floor(offset / pageSize) + 1 : page,
      pageSize,
      more ? encodeCursor({ kind: 'offset', offset: end }) : null,
    );
  }

  /** A name with a role (and standing) filter: the best name matches, filtered on their entries. */
  private async byNameFiltered(
    q: string,
    query: RegisterSearchQueryDto,
    page: number,
    pageSize: number,
  ): Promise<RegisterSearchPageDto> {
    const { hits } = await this.repository.searchNames(
      q,
      FILTER_CANDIDATES,
      0,
      DEPTH_CAP + 1,
      TOTAL_CAP + 1,
    );
    const described = await this.describe(
      hits.map((h) => ({
        stored: h,
        matchedOn: h.formerScore > h.nameScore ? ('former-name' as const) : ('name' as const),
      })),
      query.role,
    );
    const kept = described.filter((d) => !query.standing || d.standing === query.standing);
    return this.page(
      kept.slice((page - 1) * pageSize, page * pageSize),
      kept.length,
      page,
      pageSize,
      null,
    );
  }

  private async byRole(
    role: string,
    standing: string | undefined,
    cursor: Cursor | null,
    page: number,
    pageSize: number,
  ): Promise<RegisterSearchPageDto> {
    if (cursor !== null && cursor.kind !== 'after') throw new InvalidCursorError();
    // A cursor seeks straight to its place; a page number reads from the start, up to the cap.
    const skip = cursor ? 0 : (page - 1) * pageSize;
    if (skip >= DEPTH_CAP) return this.page([], 0, page, pageSize, null);
    const found = await this.repository.holdersOf(
      role,
      standing,
      cursor?.after ?? '',
      skip + pageSize,
      TOTAL_CAP + 1,
    );
    const entries = found.entries.slice(skip);
    const items = await this.describe(
      entries.map((stored) => ({ stored, matchedOn: 'role' as const })),
      role,
    );
    const last = entries.at(-1);
    return this.page(
      items.filter((i) => !standing || i.standing === standing),
      found.total,
      page,
      pageSize,
      entries.length === pageSize && last
        ? encodeCursor({ kind: 'after', after: last.registerNumber })
        : null,
    );
  }

  /** A register number or professional registration finds exactly that person, or nobody. */
  private async exactMatches(q: string): Promise<RegisterSearchItemDto[] | null> {
    if (looksLikeRegisterNumber(q)) {
      const stored = await this.repository.summaryByRegisterNumber(requireRegisterNumber(q));
      return stored ? this.describe([{ stored, matchedOn: 'register-number' }], undefined) : [];
    }
    const registrations = detectRegistration(q);
    if (registrations.length === 0) return null;
    const found = await this.repository.entriesByRegistrations(registrations);
    const shown = new Set(found.filter((f) => f.shown).map((f) => f.practitionerId));
    const items = await this.describe(
      found.map((stored) => ({ stored, matchedOn: 'professional-registration' as const })),
      undefined,
      // Only people who show their registrations can be found by them: as the stored entry says,
      // or the rebuilt one when it was out of date.
      (practitionerId, rebuilt) =>
        rebuilt === null
          ? shown.has(practitionerId)
          : rebuilt.professionalRegistrations.some((r) =>
              registrations.some((asked) => asked.body === r.body && asked.number === r.number),
            ),
    );
    return items;
  }

  /**
   * Search results from the summaries of stored entries: no per-person reads and no whole
   * documents, only a rebuild of stale ones.
   */
  private async describe(
    candidates: readonly { stored: StoredSummary; matchedOn: Match }[],
    role: string | undefined,
    keep: (practitionerId: string, rebuilt: RegisterEntryDto | null) => boolean = () => true,
  ): Promise<RegisterSearchItemDto[]> {
    const current = await this.entries.currentSummaries(candidates.map((c) => c.stored));
    return candidates.flatMap(({ stored, matchedOn }, i) => {
      const found = current[i];
      if (!found || !keep(stored.practitionerId, found.rebuilt)) return [];
      const d = found.summary;
      const item: RegisterSearchItemDto = {
        registerNumber: d.registerNumber,
        givenName: d.givenName,
        familyName: d.familyName,
        formerNames: d.formerNames,
        registerStatus: d.registerStatus,
        matchedOn,
        currentRoles: d.roles.filter((r) => r.appointed).map((r) => r.role),
      };
      if (role) item.standing = d.roles.find((r) => r.role === role)?.standing ?? 'not-certified';
      return [item];
    });
  }

  private page(
    items: RegisterSearchItemDto[],
    total: number,
    page: number,
    pageSize: number,
    next: string | null,
  ): RegisterSearchPageDto {
    return {
      items,
      total: Math.min(total, TOTAL_CAP),
      totalIsLowerBound: total > TOTAL_CAP,
      page,
      pageSize,
      next,
    };
  }

  private async requireRole(code: string): Promise<void> {
    const roles = await this.roles.list();
    if (!roles.some((r) => r.code === code)) throw new UnknownRoleError(code);
  }

  private recordLookup(practitionerId: string, by: Principal): Promise<void> {
    return this.dataSource.transaction(async (m) => {
      const lookup = await m.save(
        m.create(RegisterLookup, {
          practitionerId,
          organisationId: by.organisationId ?? '',
          userId: by.id,
        }),
      );
      await this.audit.record(m, {
        action: 'register.looked-up',
        ...actorOf(by),
        entityType: 'practitioner',
        entityId: practitionerId,
        data: { lookupId: lookup.id, organisationId: by.organisationId },
      });
    });
  }
}
