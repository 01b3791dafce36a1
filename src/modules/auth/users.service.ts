import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { EmailTakenError } from './auth.errors.js';
import { hashPassword } from './passwords.js';
import type { UserRole } from './user.entity.js';
import { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

export interface NewUser {
  email: string;
  password: string;
  role: UserRole;
  practitionerId?: string;
  issuerId?: string;
  organisationId?: string;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.users.findById(id);
  }

  listByOrganisation(organisationId: string): Promise<User[]> {
    return this.users.listByOrganisation(organisationId);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email);
  }

  /** Marks the address confirmed; true when it was not confirmed before. */
  async confirmEmail(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(User)
      .set({ emailConfirmedAt: () => 'now()' })
      .where('id = :id AND email_confirmed_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** A new password, and every session signed in with the old one ends. */
  async setPassword(manager: EntityManager, id: string, password: string): Promise<void> {
    await manager.update(User, { id }, { passwordHash: await hashPassword(password) });
    await this.users.bumpTokenVersion(manager, id);
  }

  /** Creates an account inside the caller's transaction. */
  async create(manager: EntityManager, input: NewUser, createdBy: string | null): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (await manager.existsBy(User, { email })) throw new EmailTakenError();
    const user = await this.users.create(manager, {
      email,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      practitionerId: input.practitionerId ?? null,
      issuerId: input.issuerId ?? null,
      organisationId: input.organisationId ?? null,
    });
    await this.audit.record(manager, {
      action: 'user.created',
      actorType: createdBy ? 'user' : 'system',
      actorId: createdBy,
      entityType: 'user',
      entityId: user.id,
      data: { role: user.role },
    });
    return user;
  }
}
