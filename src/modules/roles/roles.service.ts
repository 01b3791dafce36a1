import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import type { CreateRoleDto, UpdateRoleDto } from './dto/role.dto.js';
import { Role } from './role.entity.js';

@Injectable()
export class RolesService {
  constructor(
    @InjectRepository(Role) private readonly roles: Repository<Role>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Role[]> {
    return this.roles.find({ order: { code: 'ASC' } });
  }

  async get(code: string): Promise<Role> {
    const role = await this.roles.findOneBy({ code });
    if (!role) throw new NotFoundError('ROLE.NOT_FOUND', `There is no role with code ${code}.`);
    return role;
  }

  create(input: CreateRoleDto, by: Principal): Promise<Role> {
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(Role, { code: input.code })) {
        throw new ConflictError(
          'ROLE.ALREADY_EXISTS',
          `A role with code ${input.code} already exists.`,
        );
      }
      const role = await m.save(m.create(Role, { ...input, description: input.description ?? '' }));
      await this.audit.record(m, {
        action: 'role.created',
        ...actorOf(by),
        entityType: 'role',
        entityId: role.code,
      });
      return role;
    });
  }

  update(code: string, input: UpdateRoleDto, by: Principal): Promise<Role> {
    return this.dataSource.transaction(async (m) => {
      const role = await m.findOneBy(Role, { code });
      if (!role) throw new NotFoundError('ROLE.NOT_FOUND', `There is no role with code ${code}.`);
      Object.assign(role, input);
      await m.save(role);
      await this.audit.record(m, {
        action: 'role.updated',
        ...actorOf(by),
        entityType: 'role',
        entityId: code,
        data: { fields: Object.keys(input) },
      });
      return role;
    });
  }
}
