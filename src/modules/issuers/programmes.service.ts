import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { RoleStandardsService } from '../roles/role-standards.service.js';
import type { CreateProgrammeDto } from './dto/programme.dto.js';
import { Issuer } from './issuer.entity.js';
import { Programme } from './programme.entity.js';

const notFound = () => new NotFoundError('ISSUER.NOT_FOUND', 'There is no such certifying body.');

/** A certifying body's programmes, each mapped once to the competences it evidences. */
@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly standards: RoleStandardsService,
    private readonly audit: AuditService,
  ) {}

  async list(issuerId: string): Promise<Programme[]> {
    if (!(await this.dataSource.manager.existsBy(Issuer, { id: issuerId }))) throw notFound();
    return this.dataSource.manager.find(Programme, {
      where: { issuerId },
      order: { title: 'ASC' },
    });
  }

  /** The programme, only when it belongs to this issuer. */
  async ofIssuer(issuerId: string, programmeId: string): Promise<Programme | null> {
    return this.dataSource.manager.findOneBy(Programme, { id: programmeId, issuerId });
  }

  async create(issuerId: string, input: CreateProgrammeDto, by: Principal): Promise<Programme> {
    if (by.role !== 'registrar' && by.issuerId !== issuerId) throw notFound();
    const names = await this.standards.competenceNames();
    const unknown = input.competences.filter((c) => names[c.competence] === undefined);
    if (unknown.length > 0) {
      throw new ValidationError(
        'PROGRAMME.UNKNOWN_COMPETENCE',
        'Every competence must come from the competence vocabulary (GET /api/v1/competences).',
        unknown.map((c) => ({ field: 'competences', message: `unknown: ${c.competence}` })),
      );
    }
    return this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(Issuer, { id: issuerId }))) throw notFound();
      if (await m.existsBy(Programme, { issuerId, title: input.title })) {
        throw new ConflictError(
          'PROGRAMME.ALREADY_EXISTS',
          `This body already has a programme called ${input.title}.`,
        );
      }
      const programme = await m.save(
        m.create(Programme, {
          issuerId,
          title: input.title,
          competences: input.competences.map((c) => ({ competence: c.competence, level: c.level })),
        }),
      );
      await this.audit.record(m, {
        action: 'programme.created',
        ...actorOf(by),
        entityType: 'programme',
        entityId: programme.id,
        data: { issuerId },
      });
      return programme;
    });
  }
}
