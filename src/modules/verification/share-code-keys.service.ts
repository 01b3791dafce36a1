import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { SecretBox, shareCodeKeyContext } from '../trust/secret-box.js';
import type { RotatedShareCodeKeyDto } from './dto/share-code.dto.js';

interface LoadedKey {
  id: string;
  key: Buffer;
}

/** Other instances learn of a rotation within this time; until then they still hash with the old key. */
const CACHE_MS = 60_000;
const FIRST_KEY_ID = 'initial';

/**
 * The share-code hash keys: their own random secrets sealed under the KEK, not derived from
 * JWT_SECRET, so rotating that secret voids no code. A code is looked up under every key.
 */
@Injectable()
export class ShareCodeKeys {
  private cache?: { at: number; keys: LoadedKey[] };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
  ) {}

  /** The key new codes are hashed with, and the code's hash under it. */
  async hashForNewCode(normalised: string): Promise<{ keyId: string; codeHash: string }> {
    const [current] = await this.keys();
    if (!current) throw new Error('No share-code key.');
    return { keyId: current.id, codeHash: hmac(current.key, normalised) };
  }

  /** The code's hash under every key, newest first: one of them is the stored hash. */
  async hashesOf(normalised: string): Promise<string[]> {
    return (await this.keys()).map((k) => hmac(k.key, normalised));
  }

  async rotate(by: Principal): Promise<RotatedShareCodeKeyDto> {
    const id = randomUUID();
    const createdAt = await this.dataSource.transaction(async (m) => {
      const [row] = await m.query<{ created_at: Date }[]>(
        `INSERT INTO share_code_keys (id, key_sealed) VALUES ($1, $2) RETURNING created_at`,
        [id, this.secrets.seal(randomBytes(32), shareCodeKeyContext(id))],
      );
      await this.audit.record(m, {
        action: 'share-code-key.rotated',
        ...actorOf(by),
        entityType: 'share-code-key',
        entityId: id,
      });
      return row?.created_at ?? new Date();
    });
    this.cache = undefined;
    return { keyId: id, createdAt: new Date(createdAt).toISOString() };
  }

  private async keys(): Promise<LoadedKey[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.keys;
    let rows = await this.load();
    if (rows.length === 0) {
      // Every instance may try at once on a new database: the fixed id lets exactly one win.
      await this.dataSource.query(
        `INSERT INTO share_code_keys (id, key_sealed) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
        [FIRST_KEY_ID, this.secrets.seal(randomBytes(32), shareCodeKeyContext(FIRST_KEY_ID))],
      );
      rows = await this.load();
    }
    const keys = rows.map((r) => ({
      id: r.id,
      key: this.secrets.open(r.key_sealed, shareCodeKeyContext(r.id)),
    }));
    this.cache = { at: Date.now(), keys };
    return keys;
  }

  private load(): Promise<Array<{ id: string; key_sealed: string }>> {
    return this.dataSource.query(
      `SELECT id, key_sealed FROM share_code_keys ORDER BY created_at DESC, id DESC`,
    );
  }
}

const hmac = (key: Buffer, normalised: string) =>
  createHmac('sha256', key).update(normalised).digest('hex');
