import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { Competence } from './competence.entity.js';
import type { CreateStandardVersionDto } from './dto/standard.dto.js';
import { RoleStandard } from './role-standard.entity.js';
import { Role } from './role.entity.js';
import { type StandardVersion, versionInForce } from './route-standing.js';

export interface RoleWithStandard extends Role {
  standards: StandardVersion[];
  competenceNames: Record<string, string>;
}

export const toStandardVersion = (s: RoleStandard): StandardVersion => ({
  version: s.version,
  effectiveFrom: s.effectiveFrom,
  competences: s.competences,
  qualifications: s.qualifications,
  clinicalRoute: s.clinicalRoute,
  professionalRegistration: s.professionalRegistration,
  cpdHoursPerYear: s.cpdHoursPerYear,
  graceDays: s.graceDays,
});

/** Role standards: versions with an effective date, made of competences from a framework. */
@Injectable()
export class RoleStandardsService {
  constructor(
    @InjectRepository(RoleStandard) private readonly standards: Repository<RoleStandard>,
    @InjectRepository(Competence) private readonly competences: Repository<Competence>,
    @InjectRepository(Role) private readonly roles: Repository<Role>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  listCompetences(): Promise<Competence[]> {
    return this.competences.find({ order: { name: 'ASC' } });
  }

  async competenceNames(): Promise<Record<string, string>> {
    return Object.fromEntries((await this.listCompetences()).map((c) => [c.code, c.name]));
  }

  /** Every role with every version of its standard, for computing standing. */
  async rolesWithStandards(): Promise<RoleWithStandard[]> {
    const [roles, standards, names] = await Promise.all([
      this.roles.find({ order: { code: 'ASC' } }),
      this.standards.find({ order: { version: 'ASC' } }),
      this.competenceNames(),
    ]);
    return roles.map((role) =>
      Object.assign(role, {
        standards: standards.filter((s) => s.roleCode === role.code).map(toStandardVersion),
        competenceNames: names,
      }),
    );
  }

  /** The role, the version in force on `on`, and every version (oldest first). */
  async standardOn(
    code: string,
    on: string,
  ): Promise<{ role: Role; current: RoleStandard; versions: RoleStandard[] }> {
    const role = await this.roles.findOneBy({ code });
    if (!role) throw new NotFoundError('ROLE.NOT_FOUND', `There is no role with code ${code}.`);
    const versions = await this.standards.find({
      where: { roleCode: code },
      order: { version: 'ASC' },
    });
    const inForce = versionInForce(versions.map(toStandardVersion), on);
    const current = versions.find((v) => v.version === inForce?.version);
    if (!current) {
      throw new NotFoundError(
        'ROLE.NO_STANDARD',
        `Role ${code} has no standard in force on ${on}.`,
      );
    }
    return { role, current, versions };
  }

  /** A new version, in force from a date not in the past and after the last version's. */
  addVersion(
    code: string,
    input: CreateStandardVersionDto,
    today: string,
    by: Principal,
  ): Promise<RoleStandard> {
    return this.dataSource.transaction(async (m) => {
      const role = await m.findOneBy(Role, { code });
      if (!role) throw new NotFoundError('ROLE.NOT_FOUND', `There is no role with code ${code}.`);
      const known = new Set((await m.find(Competence)).map((c) => c.code));
      const named = [...input.competences, ...(input.clinicalRouteCompetences ?? [])];
      const unknown = named.filter((c) => !known.has(c.competence));
      if (unknown.length > 0) {
        throw new ValidationError(
          'STANDARD.UNKNOWN_COMPETENCE',
          'Every competence must come from the competence vocabulary.',
          unknown.map((c) => ({ field: 'competences', message: `unknown: ${c.competence}` })),
        );
      }
      if (input.effectiveFrom < today) {
        throw new ValidationError(
          'STANDARD.PAST_DATE',
          'A standard cannot change the past: it applies from today or later.',
          [{ field: 'effectiveFrom', message: 'must be today or later' }],
        );
      }
      // Lock the role's versions so two editors cannot both take the next number.
      await m.query(`SELECT 1 FROM roles WHERE code = $1 FOR UPDATE`, [code]);
      const last = await m.findOne(RoleStandard, {
        where: { roleCode: code },
        order: { version: 'DESC' },
      });
      if (last && input.effectiveFrom <= last.effectiveFrom) {
        throw new ConflictError(
          'STANDARD.NOT_AFTER_LAST',
          `Version ${last.version} starts on ${last.effectiveFrom}; a new version must start later.`,
        );
      }
      const saved = await m.save(
        m.create(RoleStandard, {
          roleCode: code,
          version: (last?.version ?? 0) + 1,
          effectiveFrom: input.effectiveFrom,
          competences: input.competences.map((c) => ({ competence: c.competence, level: c.level })),
          qualifications: input.qualifications ?? [],
          clinicalRoute:
            role.clinical && input.clinicalRouteCompetences
              ? {
                  competences: input.clinicalRouteCompetences.map((c) => ({
                    competence: c.competence,
                    level: c.level,
                  })),
                }
              : null,
          professionalRegistration: role.clinical && (input.professionalRegistration ?? false),
          cpdHoursPerYear: input.cpdHoursPerYear,
          graceDays: input.graceDays,
          note: input.note,
        }),
      );
      await this.audit.record(m, {
        action: 'role.standard-version-added',
        ...actorOf(by),
        entityType: 'role',
        entityId: code,
        data: { version: saved.version, effectiveFrom: saved.effectiveFrom },
      });
      return saved;
    });
  }
}
