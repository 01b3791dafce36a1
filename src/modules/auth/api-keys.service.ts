import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiKey } from './api-key.entity.js';
import { actorOf, type Principal } from './principal.js';

/** A recognisable prefix lets secret scanners spot a leaked key. */
const PREFIX = 'dlr_live_';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export interface CreatedApiKey {
  id: string;
  key: string;
  hint: string;
  label: string | null;
  createdAt: Date;
}

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The key is returned once, here; only its hash is kept. */
  create(issuerId: string, label: string | null, by: Principal): Promise<CreatedApiKey> {
    const key = PREFIX + randomBytes(32).toString('base64url');
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(ApiKey, {
          issuerId,
          label,
          hint: key.slice(0, PREFIX.length + 4),
          keyHash: hashKey(key),
          createdBy: by.kind === 'user' ? by.id : null,
        }),
      );
      await this.audit.record(manager, {
        action: 'api-key.created',
        ...actorOf(by),
        entityType: 'api-key',
        entityId: row.id,
        data: { issuerId },
      });
      return { id: row.id, key, hint: row.hint, label: row.label, createdAt: row.createdAt };
    });
  }

  list(issuerId: string): Promise<ApiKey[]> {
    return this.keys.find({ where: { issuerId }, order: { createdAt: 'DESC' } });
  }

  revoke(issuerId: string, keyId: string, by: Principal): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.findOneBy(ApiKey, { id: keyId, issuerId, revokedAt: IsNull() });
      if (!key)
        throw new NotFoundError(
          'API_KEY.NOT_FOUND',
          'No active API key with that id for this issuer.',
        );
      key.revokedAt = new Date();
      await manager.save(key);
      await this.audit.record(manager, {
        action: 'api-key.revoked',
        ...actorOf(by),
        entityType: 'api-key',
        entityId: key.id,
        data: { issuerId },
      });
    });
  }

  async authenticate(presented: string): Promise<Principal | null> {
    if (!presented.startsWith(PREFIX) || presented.length > 100) return null;
    const rows = await this.dataSource.query<{ id: string; issuer_id: string }[]>(
      `SELECT k.id, k.issuer_id FROM api_keys k JOIN issuers i ON i.id = k.issuer_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND i.status = 'recognised'`,
      [hashKey(presented)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      kind: 'api-key',
      id: row.id,
      role: 'issuer',
      practitionerId: null,
      issuerId: row.issuer_id,
      organisationId: null,
    };
  }
}
