import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { type EntityManager, In, IsNull } from 'typeorm';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AccountTokensService {
  /** A new token for the user; the secret is returned once, for the mail, and only its hash kept. */
  async issue(
    m: EntityManager,
    userId: string,
    purpose: AccountTokenPurpose,
    ttlSeconds: number,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await m.insert(AccountToken, {
      userId,
      purpose,
      tokenHash: hashOf(token),
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      usedAt: null,
    });
    return token;
  }

  /**
   * Uses the token up (locked, so two requests cannot both use it) and returns its user id; null
   * when it is unknown, for another purpose, used or expired, without saying which.
   */
  async consume(
    m: EntityManager,
    token: string,
    purpose: AccountTokenPurpose | AccountTokenPurpose[],
  ): Promise<string | null> {
    const purposes = Array.isArray(purpose) ? purpose : [purpose];
    const row = await m.findOne(AccountToken, {
      where: { tokenHash: hashOf(token), purpose: In(purposes), usedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row || row.expiresAt.getTime() <= Date.now()) return null;
    // Using one reset link spends every other one sent to the same person.
    await m.update(
      AccountToken,
      { userId: row.userId, purpose: In(purposes), usedAt: IsNull() },
      { usedAt: new Date() },
    );
    return row.userId;
  }

  /** Whether the user was ever sent a token for this purpose. */
  async wasIssued(
    m: EntityManager,
    userId: string,
    purpose: AccountTokenPurpose,
  ): Promise<boolean> {
    return m.existsBy(AccountToken, { userId, purpose });
  }
}
