import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { ApiKeysService, type CreatedApiKey } from '../auth/api-keys.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { UsersService } from '../auth/users.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { ApiKey } from '../auth/api-key.entity.js';
import { User as UserEntity, type User } from '../auth/user.entity.js';
import type { CreateIssuerDto, CreateStaffDto, IssuerStatusDto } from './dto/issuer.dto.js';
import { KeysService } from '../trust/keys.service.js';
import { Issuer } from './issuer.entity.js';

const notFound = () => new NotFoundError('ISSUER.NOT_FOUND', 'No certifying body with that id.');

@Injectable()
export class IssuersService {
  constructor(
    @InjectRepository(Issuer) private readonly issuers: Repository<Issuer>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly keys: KeysService,
  ) {}

  list(includeSuspended = false): Promise<Issuer[]> {
    return this.issuers.find({
      where: includeSuspended ? {} : { status: 'recognised' },
      order: { name: 'ASC' },
    });
  }

  async get(id: string): Promise<Issuer> {
    const issuer = await this.issuers.findOneBy({ id });
    if (!issuer) throw notFound();
    return issuer;
  }

  /** A recognised body whose name or alias matches, ignoring case and spacing. */
  async findRecognisedByName(name: string): Promise<Issuer | null> {
    const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!wanted) return null;
    return this.issuers
      .createQueryBuilder('i')
      .where(`i.status = 'recognised'`)
      .andWhere(
        `(lower(i.name) = :wanted OR EXISTS (SELECT 1 FROM unnest(i.aliases) a WHERE lower(a) = :wanted))`,
        { wanted },
      )
      .getOne();
  }

  create(input: CreateIssuerDto, by: Principal): Promise<Issuer> {
    return this.dataSource.transaction(async (m) => {
      const clash = await m
        .createQueryBuilder(Issuer, 'i')
        .where('lower(i.name) = lower(:name)', { name: input.name.trim() })
        .getExists();
      if (clash)
        throw new ConflictError(
          'ISSUER.ALREADY_EXISTS',
          'A certifying body with that name is already recognised.',
        );
      const issuer = await m.save(
        m.create(Issuer, {
          name: input.name.trim(),
          kind: input.kind,
          website: input.website ?? null,
          aliases: input.aliases ?? [],
        }),
      );
      // Its signing key exists from recognition on, so its did:web document is complete at once.
      await this.keys.ensureIssuerKey(issuer.id, m);
      await this.audit.record(m, {
        action: 'issuer.recognised',
        ...actorOf(by),
        entityType: 'issuer',
        entityId: issuer.id,
      });
      return issuer;
    });
  }

  setStatus(id: string, input: IssuerStatusDto, by: Principal): Promise<Issuer> {
    return this.dataSource.transaction(async (m) => {
      const issuer = await m.findOne(Issuer, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!issuer) throw notFound();
      if (issuer.status === input.status) {
        throw new ConflictError(
          'ISSUER.STATUS_UNCHANGED',
          `The certifying body is already ${input.status}.`,
        );
      }
      const from = issuer.status;
      issuer.status = input.status;
      issuer.statusReason = input.reason;
      await m.save(issuer);
      await this.audit.record(m, {
        action: 'issuer.status-changed',
        ...actorOf(by),
        entityType: 'issuer',
        entityId: id,
        data: { from, to: input.status },
      });
      return issuer;
    });
  }

  /** Replaces the other names a body is known by (claims naming one reach that body). */
  setAliases(id: string, aliases: string[], by: Principal): Promise<Issuer> {
    return this.dataSource.transaction(async (m) => {
      const issuer = await m.findOne(Issuer, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!issuer) throw notFound();
      const from = issuer.aliases;
      issuer.aliases = [...new Set(aliases.map((a) => a.trim().replace(/\s+/g, ' ')))].filter(
        Boolean,
      );
      await m.save(issuer);
      await this.audit.record(m, {
        action: 'issuer.aliases-changed',
        ...actorOf(by),
        entityType: 'issuer',
        entityId: id,
        data: { from, to: issuer.aliases },
      });
      return issuer;
    });
  }

  async addStaff(id: string, input: CreateStaffDto, by: Principal): Promise<User> {
    this.assertManages(id, by);
    await this.get(id);
    return this.dataSource.transaction((m) =>
      this.users.create(
        m,
        { email: input.email, password: input.password, role: 'issuer', issuerId: id },
        by.id,
      ),
    );
  }

  /** The body's staff accounts, oldest first: for the registrar and the body's own staff. */
  async listStaff(id: string, by: Principal): Promise<User[]> {
    this.assertManages(id, by);
    await this.get(id);
    return this.dataSource.manager.find(UserEntity, {
      where: { issuerId: id, role: 'issuer' },
      order: { createdAt: 'ASC' },
      take: 500,
    });
  }

  async createApiKey(id: string, label: string | null, by: Principal): Promise<CreatedApiKey> {
    this.assertManages(id, by);
    await this.get(id);
    return this.apiKeys.create(id, label, by);
  }

  async listApiKeys(id: string, by: Principal): Promise<ApiKey[]> {
    this.assertManages(id, by);
    return this.apiKeys.list(id);
  }

  async revokeApiKey(id: string, keyId: string, by: Principal): Promise<void> {
    this.assertManages(id, by);
    await this.apiKeys.revoke(id, keyId, by);
  }

  /** The registrar, or a signed-in member of that body's staff; anyone else sees nothing there. */
  private assertManages(id: string, by: Principal): void {
    const staff = by.kind === 'user' && by.role === 'issuer' && by.issuerId === id;
    if (by.role !== 'registrar' && !staff) throw notFound();
  }
}
