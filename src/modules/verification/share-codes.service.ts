import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { type DataSource, In, IsNull } from 'typeorm';
import { limitsConfig, type LimitsConfig } from '../../config/limits.config.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import type {
  CreateShareCodeDto,
  CreatedShareCodeDto,
  FullRecordDto,
  ShareCodePageDto,
} from './dto/share-code.dto.js';
import { parseAt } from '../register/point-in-time.js';
import { PublicEntryService, toPublicCredential } from '../register/public-entry.service.js';
import { generateShareCode, normaliseShareCode } from './share-code.js';
import { ShareCodeKeys } from './share-code-keys.service.js';
import { ShareCode } from './share-code.entity.js';
import { ShareCodeUse } from './share-code-use.entity.js';
import { ShareCodeNotFoundError, ShareCodeNotRedeemableError } from './verification.errors.js';
import { VerificationRepository } from './verification.repository.js';

const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ShareCodesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
    private readonly practitioners: PractitionersService,
    private readonly entries: PublicEntryService,
    private readonly repository: VerificationRepository,
    private readonly audit: AuditService,
    private readonly keys: ShareCodeKeys,
  ) {}

  async create(by: Principal, input: CreateShareCodeDto): Promise<CreatedShareCodeDto> {
    const practitionerId = by.practitionerId ?? '';
    const code = generateShareCode();
    const normalised = normaliseShareCode(code) ?? '';
    const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
    // Keyed, so a copy of the table alone does not let anyone try all 25^9 codes offline.
    const { keyId, codeHash } = await this.keys.hashForNewCode(normalised);
    return this.dataSource.transaction(async (m) => {
      const row = await m.save(
        m.create(ShareCode, {
          practitionerId,
          codeHash,
          keyId,
          hint: normalised.slice(-3),
          purpose: input.purpose.trim(),
          expiresAt,
        }),
      );
      await this.audit.record(m, {
        action: 'share-code.created',
        ...actorOf(by),
        entityType: 'share-code',
        entityId: row.id,
      });
      return { code, id: row.id, purpose: row.purpose, expiresAt: expiresAt.toISOString() };
    });
  }

  /** By the code itself, or by its id for a holder who no longer has the code. */
  async cancel(by: Principal, codeOrId: string): Promise<void> {
    const practitionerId = by.practitionerId ?? '';
    const normalised = normaliseShareCode(codeOrId);
    const where =
      normalised !== null
        ? { codeHash: In(await this.keys.hashesOf(normalised)), practitionerId }
        : UUID.test(codeOrId)
          ? { id: codeOrId, practitionerId }
          : null;
    if (where === null) throw new ShareCodeNotFoundError();
    await this.dataSource.transaction(async (m) => {
      const row = await m.findOneBy(ShareCode, { ...where, cancelledAt: IsNull() });
      if (!row) throw new ShareCodeNotFoundError();
      row.cancelledAt = new Date();
      await m.save(row);
      await this.audit.record(m, {
        action: 'share-code.cancelled',
        ...actorOf(by),
        entityType: 'share-code',
        entityId: row.id,
      });
    });
  }

  async list(by: Principal, page: number, pageSize: number): Promise<ShareCodePageDto> {
    const practitionerId = by.practitionerId ?? '';
    const [rows, total] = await this.dataSource.manager.findAndCount(ShareCode, {
      where: { practitionerId },
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const uses = rows.length
      ? await this.dataSource.manager.find(ShareCodeUse, {
          where: rows.map((r) => ({ shareCodeId: r.id })),
          order: { usedAt: 'ASC' },
        })
      : [];
    const names = await this.repository.organisationNames([
      ...new Set(uses.map((u) => u.organisationId).filter((id): id is string => id !== null)),
    ]);
    const now = Date.now();
    return {
      items: rows.map((r) => ({
        id: r.id,
        hint: `•••-•••-${r.hint}`,
        purpose: r.purpose,
        state: r.cancelledAt
          ? 'cancelled'
          : r.lockedAt
            ? 'locked'
            : r.expiresAt.getTime() <= now
              ? 'expired'
              : 'active',
        createdAt: r.createdAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        uses: uses
          .filter((u) => u.shareCodeId === r.id)
          .map((u) => ({
            at: u.usedAt.toISOString(),
            organisation: u.organisationId ? (names.get(u.organisationId) ?? null) : null,
          })),
      })),
      total,
      page,
      pageSize,
    };
  }

  /**
   * Every failure (malformed, unknown, wrong date, expired, cancelled, locked) is the same 404,
   * and a wrong date counts against the code until it locks.
   */
  async redeem(code: string, dateOfBirth: string, by: Principal | null): Promise<FullRecordDto> {
    const normalised = normaliseShareCode(code);
    if (normalised === null) throw new ShareCodeNotRedeemableError();
    const hashes = await this.keys.hashesOf(normalised);
    const opened = await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(ShareCode, {
        where: { codeHash: In(hashes) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.cancelledAt || row.lockedAt || row.expiresAt.getTime() <= Date.now())
        return null;
      // Read through the transaction's own connection: the embedded database serves one at a time.
      const [holder] = await m.query<{ date_of_birth: string }[]>(
        `SELECT date_of_birth FROM practitioners WHERE id = $1`,
        [row.practitionerId],
      );
      if (holder?.date_of_birth !== dateOfBirth) {
        row.failedAttempts += 1;
        if (row.failedAttempts >= this.limits.shareCodeMaxFailures) row.lockedAt = new Date();
        await m.save(row);
        await this.audit.record(m, {
          action: row.lockedAt ? 'share-code.locked' : 'share-code.redeem-failed',
          ...actorOf(by),
          entityType: 'share-code',
          entityId: row.id,
        });
        return null;
      }
      const organisationId = by?.role === 'employer' ? by.organisationId : null;
      const use = await m.save(
        m.create(ShareCodeUse, {
          id: randomUUID(),
          shareCodeId: row.id,
          practitionerId: row.practitionerId,
          organisationId,
          userId: by?.kind === 'user' ? by.id : null,
        }),
      );
      await this.audit.record(m, {
        action: 'share-code.redeemed',
        ...actorOf(by),
        entityType: 'share-code',
        entityId: row.id,
        data: { useId: use.id, organisationId },
      });
      return row;
    });
    if (opened === null) throw new ShareCodeNotRedeemableError();
    return this.fullRecord(opened, await this.practitioners.getById(opened.practitionerId));
  }

  private async fullRecord(
    code: ShareCode,
    practitioner: Awaited<ReturnType<PractitionersService['getById']>>,
  ): Promise<FullRecordDto> {
    const parsed = parseAt(undefined);
    if (!parsed.ok) throw new Error(parsed.message);
    const [entry, credentials, claims] = await Promise.all([
      this.entries.build(practitioner, parsed.asOf, true),
      this.entries.credentialsAsOf(practitioner.id, parsed.asOf),
      this.repository.claimsFor(practitioner.id),
    ]);
    return {
      ...entry,
      purpose: code.purpose,
      sharedUntil: code.expiresAt.toISOString(),
      allCredentials: credentials.map(toPublicCredential),
      claims: claims.map((c) => ({
        kind: c.kind,
        title: c.title,
        subject: c.subject,
        result: c.result,
        awardingBody: c.awardingBody,
        awardingBodyRecognised: c.awardingBodyRecognised,
        awardedOn: c.awardedOn,
        status: c.status,
        decisionReason: c.decisionReason,
        decidedAt: c.decidedAt?.toISOString() ?? null,
      })),
      appointments: (practitioner.appointments ?? []).map((a) => ({
        roleCode: a.roleCode,
        organisation: a.organisation,
        startDate: a.startDate,
        endDate: a.endDate,
      })),
    };
  }
}
