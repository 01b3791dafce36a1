import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { Credential } from './credential.entity.js';
import { CredentialStatusChange } from './credential-status-change.entity.js';

export interface CredentialSearch {
  issuerId?: string;
  practitionerId?: string;
  status?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class CredentialsRepository {
  constructor(@InjectRepository(Credential) private readonly credentials: Repository<Credential>) {}

  findById(id: string): Promise<Credential | null> {
    return this.credentials.findOneBy({ id });
  }

  lockById(manager: EntityManager, id: string): Promise<Credential | null> {
    return manager.findOne(Credential, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  listForPractitioner(practitionerId: string): Promise<Credential[]> {
    return this.credentials.find({ where: { practitionerId }, order: { awardedOn: 'DESC' } });
  }

  statusChangesFor(credentialIds: string[]): Promise<CredentialStatusChange[]> {
    if (credentialIds.length === 0) return Promise.resolve([]);
    return this.credentials.manager.find(CredentialStatusChange, {
      where: { credentialId: In(credentialIds) },
      order: { changedAt: 'ASC' },
    });
  }

  /** Existing credentials of one issuer by its own references (a resent bulk file finds its rows). */
  async byReferences(
    manager: EntityManager,
    issuerId: string,
    references: string[],
  ): Promise<Map<string, Credential>> {
    if (references.length === 0) return new Map();
    const rows = await manager.find(Credential, {
      where: { issuerId, issuerReference: In(references) },
    });
    return new Map(rows.map((c) => [c.issuerReference ?? '', c]));
  }

  async search(q: CredentialSearch): Promise<[Credential[], number]> {
    const query = this.credentials
      .createQueryBuilder('c')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id');
    if (q.issuerId) query.andWhere('c.issuer_id = :issuerId', { issuerId: q.issuerId });
    if (q.practitionerId)
      query.andWhere('c.practitioner_id = :practitionerId', { practitionerId: q.practitionerId });
    if (q.status === 'expired') {
      query.andWhere(
        `(c.status = 'expired' OR (c.status = 'active' AND c.valid_until < CURRENT_DATE))`,
      );
    } else if (q.status === 'active') {
      query.andWhere(
        `c.status = 'active' AND (c.valid_until IS NULL OR c.valid_until >= CURRENT_DATE)`,
      );
    } else if (q.status) {
      query.andWhere('c.status = :status', { status: q.status });
    }
    return query
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
  }
}
