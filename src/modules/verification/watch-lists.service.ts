import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { type DataSource, IsNull, MoreThan } from 'typeorm';
import { limitsConfig, type LimitsConfig } from '../../config/limits.config.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { StandingService } from '../credentials/standing.service.js';
import { SecretBox, watchListContext } from '../trust/secret-box.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { requireRegisterNumber } from '../practitioners/register-number.parse.js';
import type {
  CreateWatchListDto,
  CreatedWatchListDto,
  WatchEventPageDto,
  WatchListDto,
  WatchListPageDto,
} from './dto/watch-list.dto.js';
import { WatchList } from './watch-list.entity.js';
import {
  AlreadyWatchingError,
  WatchListNotFoundError,
  WatchNotAllowedError,
  WebhookUrlError,
} from './verification.errors.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { RefusedAddressError, resolvePublicAddress } from './webhook-address.js';
import { webhookUrlProblem } from './webhook-url.js';

const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class WatchListsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
    private readonly secrets: SecretBox,
    private readonly organisations: OrganisationsService,
    private readonly practitioners: PractitionersService,
    private readonly standings: StandingService,
    private readonly audit: AuditService,
  ) {}

  async create(by: Principal, input: CreateWatchListDto): Promise<CreatedWatchListDto> {
    const organisationId = by.organisationId ?? '';
    const organisation = await this.organisations.findById(organisationId);
    if (!organisation?.verifiedAt)
      throw new WatchNotAllowedError(
        'Only organisations verified by the registrar may keep watch-lists.',
      );
    if (input.webhookUrl !== undefined) {
      const problem = webhookUrlProblem(input.webhookUrl, this.limits.webhookAllowLocalhost);
      if (problem) throw new WebhookUrlError(problem);
      await assertResolvesPublic(input.webhookUrl, this.limits.webhookAllowLocalhost);
    }
    const registerNumber = requireRegisterNumber(input.registerNumber);
    const [consent] = await this.dataSource.query<
      { share_code_id: string; purpose: string; practitioner_id: string }[]
    >(
      `SELECT u.share_code_id, s.purpose, u.practitioner_id
         FROM share_code_uses u
         JOIN share_codes s ON s.id = u.share_code_id
         JOIN practitioners p ON p.id = u.practitioner_id
        WHERE u.organisation_id = $1 AND p.register_number = $2
        ORDER BY u.used_at DESC LIMIT 1`,
      [organisationId, registerNumber],
    );
    if (!consent)
      throw new WatchNotAllowedError(
        'Your organisation may only watch someone whose share code it has redeemed.',
      );
    const current = await this.standings.standingsFor(consent.practitioner_id, today());
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    return this.dataSource.transaction(async (m) => {
      if (
        await m.existsBy(WatchList, {
          organisationId,
          practitionerId: consent.practitioner_id,
          cancelledAt: IsNull(),
        })
      ) {
        throw new AlreadyWatchingError();
      }
      const id = randomUUID();
      const watch = await m.save(
        m.create(WatchList, {
          id,
          organisationId,
          practitionerId: consent.practitioner_id,
          shareCodeId: consent.share_code_id,
          purpose: consent.purpose,
          webhookUrl: input.webhookUrl ?? null,
          emailNotices: input.emailNotices ?? false,
          secretSealed: this.secrets.seal(secret, watchListContext(id)),
          standings: Object.fromEntries(current.map((s) => [s.role.code, s.result.standing])),
          createdBy: by.id,
        }),
      );
      await this.audit.record(m, {
        action: 'watch-list.created',
        ...actorOf(by),
        entityType: 'watch-list',
        entityId: watch.id,
      });
      return { ...view(watch, registerNumber), secret };
    });
  }

  async list(by: Principal, page: number, pageSize: number): Promise<WatchListPageDto> {
    const [rows, total] = await this.dataSource.manager.findAndCount(WatchList, {
      where: { organisationId: by.organisationId ?? '', cancelledAt: IsNull() },
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const items = await Promise.all(
      rows.map(async (w) =>
        view(w, (await this.practitioners.getById(w.practitionerId)).registerNumber),
      ),
    );
    return { items, total, page, pageSize };
  }

  /** Turns mail about this watch-list's changes on or off; any colleague in the organisation may. */
  async setEmailNotices(by: Principal, id: string, emailNotices: boolean): Promise<WatchListDto> {
    const watch = await this.dataSource.transaction(async (m) => {
      const watch = await m.findOne(WatchList, {
        where: { id, organisationId: by.organisationId ?? '', cancelledAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!watch) throw new WatchListNotFoundError();
      watch.emailNotices = emailNotices;
      await m.save(watch);
      await this.audit.record(m, {
        action: 'watch-list.email-notices-changed',
        ...actorOf(by),
        entityType: 'watch-list',
        entityId: id,
        data: { emailNotices },
      });
      return watch;
    });
    // After the transaction: on the embedded database a read beside an open one waits for it.
    return view(watch, (await this.practitioners.getById(watch.practitionerId)).registerNumber);
  }

  cancel(by: Principal, id: string): Promise<void> {
    return this.dataSource.transaction(async (m) => {
      const watch = await m.findOneBy(WatchList, {
        id,
        organisationId: by.organisationId ?? '',
        cancelledAt: IsNull(),
      });
      if (!watch) throw new WatchListNotFoundError();
      watch.cancelledAt = new Date();
      await m.save(watch);
      await this.audit.record(m, {
        action: 'watch-list.cancelled',
        ...actorOf(by),
        entityType: 'watch-list',
        entityId: id,
      });
    });
  }

  async events(
    by: Principal,
    id: string,
    after: number,
    limit: number,
  ): Promise<WatchEventPageDto> {
    const watch = await this.dataSource.manager.findOneBy(WatchList, {
      id,
      organisationId: by.organisationId ?? '',
    });
    if (!watch) throw new WatchListNotFoundError();
    const rows = await this.dataSource.manager.find(WebhookDelivery, {
      where: { watchListId: id, seq: MoreThan(after) },
      order: { seq: 'ASC' },
      take: limit,
    });
    return {
      items: rows.map((d) => ({
        seq: d.seq,
        id: d.eventId,
        type: d.eventType,
        occurredAt: d.payload.occurredAt as string,
        registerNumber: d.payload.registerNumber as string,
        data: d.payload.data as object,
        delivery: d.status,
      })),
      next: rows.at(-1)?.seq ?? after,
    };
  }
}

function view(w: WatchList, registerNumber: string): WatchListDto {
  return {
    id: w.id,
    registerNumber,
    purpose: w.purpose,
    webhookUrl: w.webhookUrl,
    emailNotices: w.emailNotices,
    createdAt: w.createdAt.toISOString(),
  };
}

/** A name that resolves now to a refused address is refused; one that does not resolve yet is
 * accepted and checked again at every delivery. */
async function assertResolvesPublic(url: string, allowLoopback: boolean): Promise<void> {
  try {
    await resolvePublicAddress(new URL(url).hostname, allowLoopback);
  } catch (error) {
    if (error instanceof RefusedAddressError)
      throw new WebhookUrlError(
        'must not point at a private, loopback, link-local or metadata address',
      );
  }
}
