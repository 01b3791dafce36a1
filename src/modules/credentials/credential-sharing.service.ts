import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { Credential } from './credential.entity.js';
import { CredentialNotFoundError } from './credential.errors.js';
import { CredentialsRepository } from './credentials.repository.js';

/**
 * The holder's consent to a public verification page per credential. Only the holder decides:
 * not the issuer and not the registrar, and anyone else's credential reads as missing.
 */
@Injectable()
export class CredentialSharingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsRepository,
    private readonly audit: AuditService,
  ) {}

  listOwn(by: Principal): Promise<Credential[]> {
    if (by.practitionerId === null) return Promise.resolve([]);
    return this.credentials.listForPractitioner(by.practitionerId);
  }

  async setPublicPage(by: Principal, id: string, enabled: boolean): Promise<Credential> {
    return this.dataSource.transaction(async (m) => {
      const credential = await this.credentials.lockById(m, id);
      if (
        !credential ||
        by.practitionerId === null ||
        credential.practitionerId !== by.practitionerId
      ) {
        throw new CredentialNotFoundError();
      }
      if (credential.publicPage === enabled) return credential;
      await m.update(Credential, { id }, { publicPage: enabled });
      await this.audit.record(m, {
        action: enabled ? 'credential.public-page-enabled' : 'credential.public-page-disabled',
        ...actorOf(by),
        entityType: 'credential',
        entityId: id,
      });
      return { ...credential, publicPage: enabled };
    });
  }

  /** A credential whose holder consented to its public page, or null (missing or not consented). */
  async findPublic(id: string): Promise<Credential | null> {
    const credential = await this.credentials.findById(id);
    return credential?.publicPage ? credential : null;
  }
}
