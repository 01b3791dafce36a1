import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { StandingService } from '../credentials/standing.service.js';
import type { Practitioner } from '../practitioners/practitioner.entity.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { detectRegistration } from '../practitioners/professional-registration.js';
import { requireRegisterNumber } from '../practitioners/register-number.parse.js';
import { looksLikeRegisterNumber } from '../practitioners/register-number.js';
import { RolesService } from '../roles/roles.service.js';
import type { RegisterEntryDto } from './dto/register-entry.dto.js';
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
  RegisterEntryNotFoundError,
  StandingNeedsRoleError,
  UnknownRoleError,
} from './verification.errors.js';
import { VerificationRepository } from './verification.repository.js';

// A standing filter is computed per person, so it looks at this many best candidates at most.
const FILTER_CANDIDATES = 200;

type Match = RegisterSearchItemDto['matchedOn'];

@Injectable()
export class RegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly practitioners: PractitionersService,
    private readonly standings: StandingService,
    private readonly roles: RolesService,
    private readonly entries: PublicEntryService,
    private readonly repository: VerificationRepository,
    private readonly audit: AuditService,
  ) {}

  async search(query: RegisterSearchQueryDto): Promise<RegisterSearchPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const q = query.q?.trim() ?? '';
    if (query.standing && !query.role) throw new StandingNeedsRoleError();
    if (query.role) await this.requireRole(query.role);
    const exact = await this.exactMatches(q);
    let candidates: { id: string; matchedOn: Match }[];
    let total: number;
    if (exact !== null) {
      candidates = exact;
      total = exact.length;
    } else if (q !== '' && !query.role) {
      const { hits, total: found } = await this.repository.searchNames(
        q,
        pageSize,
        (page - 1) * pageSize,
      );
      return this.page(
        await this.describe(
          hits.map((h) => ({
            id: h.practitionerId,
            matchedOn: h.formerScore > h.nameScore ? ('former-name' as const) : ('name' as const),
          })),
          undefined,
        ),
        found,
        page,
        pageSize,
      );
    } else if (q !== '') {
      const { hits } = await this.repository.searchNames(q, FILTER_CANDIDATES, 0);
      candidates = hits.map((h) => ({
        id: h.practitionerId,
        matchedOn: h.formerScore > h.nameScore ? 'former-name' : 'name',
      }));
      total = candidates.length;
    } else if (query.role) {
      const ids = await this.repository.appointedTo(query.role, today(), FILTER_CANDIDATES);
      candidates = ids.map((id) => ({ id, matchedOn: 'role' }));
      total = candidates.length;
    } else {
      return this.page([], 0, page, pageSize);
    }
    if (query.role) {
      const described = await this.describe(candidates, query.role);
      const kept = described.filter((d) => !query.standing || d.standing === query.standing);
      return this.page(
        kept.slice((page - 1) * pageSize, page * pageSize),
        kept.length,
        page,
        pageSize,
      );
    }
    const slice = candidates.slice((page - 1) * pageSize, page * pageSize);
    return this.page(await this.describe(slice, undefined), total, page, pageSize);
  }

  async entry(
    registerNumberInput: string,
    at: string | undefined,
    by: Principal | null,
  ): Promise<RegisterEntryDto> {
    const registerNumber = requireRegisterNumber(registerNumberInput);
    const parsed = parseAt(at);
    if (!parsed.ok) throw new InvalidAtDateError(parsed.message);
    const practitioner = await this.findByNumber(registerNumber);
    // Whoever changes these facts (the practitioner, an issuer, the registrar) sees their own writes.
    const from = by === null || by.role === 'employer' ? 'public' : 'primary';
    const entry = await this.entries.build(practitioner, parsed.asOf, false, from);
    if (by?.role === 'employer' && by.organisationId) await this.recordLookup(practitioner.id, by);
    return entry;
  }

  private async findByNumber(registerNumber: string): Promise<Practitioner> {
    try {
      return await this.practitioners.getByRegisterNumber(registerNumber);
    } catch {
      throw new RegisterEntryNotFoundError();
    }
  }

  /** A register number or professional registration finds exactly that person, or nobody. */
  private async exactMatches(q: string): Promise<{ id: string; matchedOn: Match }[] | null> {
    if (looksLikeRegisterNumber(q)) {
      const number = requireRegisterNumber(q);
      try {
        const p = await this.practitioners.getByRegisterNumber(number);
        return [{ id: p.id, matchedOn: 'register-number' }];
      } catch {
        return [];
      }
    }
    const registrations = detectRegistration(q);
    if (registrations.length === 0) return null;
    const found: { id: string; matchedOn: Match }[] = [];
    for (const r of registrations) {
      const id = await this.practitioners.findIdByRegistration(r.body, r.number);
      if (id === null) continue;
      const p = await this.practitioners.getById(id);
      if (p.visibility.professionalRegistrations)
        found.push({ id, matchedOn: 'professional-registration' });
    }
    return found;
  }

  private async describe(
    candidates: { id: string; matchedOn: Match }[],
    role: string | undefined,
  ): Promise<RegisterSearchItemDto[]> {
    const on = today();
    const summaries = await this.repository.summaries(
      candidates.map((c) => c.id),
      on,
    );
    const items: RegisterSearchItemDto[] = [];
    for (const { id, matchedOn } of candidates) {
      const p = summaries.get(id);
      if (!p) continue;
      const item: RegisterSearchItemDto = {
        registerNumber: p.registerNumber,
        givenName: p.givenName,
        familyName: p.familyName,
        formerNames: p.visibility.formerNames ? p.formerNames : [],
        registerStatus: p.registerStatus,
        matchedOn,
        currentRoles: p.visibility.appointments === false ? [] : p.currentRoles,
      };
      if (role) {
        const standing = (await this.standings.standingsFor(id, on)).find(
          (s) => s.role.code === role,
        );
        item.standing = standing?.result.standing ?? 'not-certified';
      }
      items.push(item);
    }
    return items;
  }

  private page(
    items: RegisterSearchItemDto[],
    total: number,
    page: number,
    pageSize: number,
  ): RegisterSearchPageDto {
    return { items, total, page, pageSize };
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

const today = () => new Date().toISOString().slice(0, 10);
