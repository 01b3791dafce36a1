import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { User } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  listByOrganisation(organisationId: string): Promise<User[]> {
    return this.users.find({ where: { organisationId }, order: { createdAt: 'ASC' }, take: 200 });
  }

  existsRegistrar(): Promise<boolean> {
    return this.users.existsBy({ role: 'registrar' });
  }

  async bumpTokenVersion(manager: EntityManager, id: string): Promise<void> {
    await manager.increment(User, { id }, 'tokenVersion', 1);
  }

  create(manager: EntityManager, user: Partial<User>): Promise<User> {
    return manager.save(manager.create(User, { ...user, email: user.email?.trim().toLowerCase() }));
  }
}
