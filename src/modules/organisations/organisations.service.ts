import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { Organisation } from './organisation.entity.js';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(manager: EntityManager, name: string): Promise<Organisation> {
    const organisation = await manager.save(manager.create(Organisation, { name: name.trim() }));
    await this.audit.record(manager, {
      action: 'organisation.created',
      actorType: 'system',
      actorId: null,
      entityType: 'organisation',
      entityId: organisation.id,
    });
    return organisation;
  }

  /** Unverified organisations first (oldest first), then verified ones; at most 500. */
  list(): Promise<Organisation[]> {
    return this.organisations
      .createQueryBuilder('o')
      .orderBy('o.verified_at IS NULL', 'DESC')
      .addOrderBy('o.created_at', 'ASC')
      .limit(500)
      .getMany();
  }

  findById(id: string): Promise<Organisation | null> {
    return this.organisations.findOneBy({ id });
  }

  verify(id: string, by: Principal): Promise<Organisation> {
    return this.dataSource.transaction(async (m) => {
      const organisation = await m.findOneBy(Organisation, { id });
      if (!organisation)
        throw new NotFoundError('ORGANISATION.NOT_FOUND', 'No organisation with that id.');
      if (!organisation.verifiedAt) {
        organisation.verifiedAt = new Date();
        organisation.verifiedBy = by.id;
        await m.save(organisation);
        await this.audit.record(m, {
          action: 'organisation.verified',
          ...actorOf(by),
          entityType: 'organisation',
          entityId: id,
        });
      }
      return organisation;
    });
  }
}
