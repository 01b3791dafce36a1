import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { DataSource, type EntityManager } from 'typeorm';
import { ValidationError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { IssuersService } from '../issuers/issuers.service.js';
import type { Programme } from '../issuers/programme.entity.js';
import type { CompetenceRequirement } from '../roles/route-standing.js';
import { ProgrammesService } from '../issuers/programmes.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { RegisterReadModel } from '../register/register-read-model.js';
import { ownerOf } from '../trust/key-owner.js';
import { StatusListsService } from '../trust/status-lists.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { requireRegisterNumber } from '../practitioners/register-number.parse.js';
import { validateRegistrationNumber } from '../practitioners/professional-registration.js';
import { decodeCredentialCursor, encodeCredentialCursor } from './credential-cursor.js';
import { CredentialDto, type CredentialPageDto } from './dto/credential.dto.js';
import type { IssueCredentialDto } from './dto/issue-credential.dto.js';
import { Credential } from './credential.entity.js';
import {
  CredentialNotFoundError,
  HolderNotFoundError,
  IdempotencyKeyReusedError,
  IssuerSuspendedError,
  ReferenceTakenError,
  TransitionRefusedError,
} from './credential.errors.js';
import { checkIssueRules } from './credential-rules.js';
import { effectiveStatus, type StatusAction, transition } from './credential-status.js';
import { CredentialStatusChange } from './credential-status-change.entity.js';
import { CredentialsRepository } from './credentials.repository.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

const PAST_TENSE: Record<StatusAction, string> = {
  suspend: 'suspended',
  reinstate: 'reinstated',
  revoke: 'revoked',
  renew: 'renewed',
};

export const today = () => new Date().toISOString().slice(0, 10);

export interface IssueResult {
  status: number;
  body: CredentialDto;
  replayed: boolean;
}

@Injectable()
export class CredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsRepository,
    private readonly practitioners: PractitionersService,
    private readonly issuers: IssuersService,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly statusLists: StatusListsService,
    private readonly register: RegisterReadModel,
  ) {}

  async getById(id: string): Promise<Credential> {
    const credential = await this.credentials.findById(id);
    if (!credential) throw new CredentialNotFoundError();
    return credential;
  }

  listForPractitioner(practitionerId: string): Promise<Credential[]> {
    return this.credentials.listForPractitioner(practitionerId);
  }

  statusChangesFor(credentialIds: string[]): Promise<CredentialStatusChange[]> {
    return this.credentials.statusChangesFor(credentialIds);
  }

  /** The credential as its holder, its issuer or the registrar may see it; anyone else gets a 404. */
  async getVisible(id: string, by: Principal): Promise<CredentialDto> {
    const credential = await this.credentials.findById(id);
    if (!credential || !canSee(credential, by)) throw new CredentialNotFoundError();
    const history = await this.credentials.statusChangesFor([id]);
    return this.view(credential, history);
  }

  async search(
    by: Principal,
    q: {
      registerNumber?: string;
      status?: string;
      kind?: string;
      q?: string;
      cursor?: string;
      page: number;
      pageSize: number;
    },
  ): Promise<CredentialPageDto> {
    let practitionerId: string | undefined;
    const after = q.cursor === undefined ? undefined : decodeCredentialCursor(q.cursor);
    if (q.registerNumber) {
      const number = requireRegisterNumber(q.registerNumber);
      practitionerId = (await this.practitioners.idsByRegisterNumbers([number])).get(number);
      if (!practitionerId)
        return { items: [], total: 0, page: q.page, pageSize: q.pageSize, next: null };
    }
    const [found, total] = await this.credentials.search({
      issuerId:
        by.role === 'registrar'
          ? undefined
          : (by.issuerId ?? '00000000-0000-0000-0000-000000000000'),
      practitionerId,
      status: q.status,
      kind: q.kind,
      q: q.q?.trim() || undefined,
      after,
      page: q.page,
      pageSize: q.pageSize,
    });
    const rows = found.slice(0, q.pageSize);
    const last = rows[rows.length - 1];
    const numbers = await this.practitioners.registerNumbersByIds([
      ...new Set(rows.map((r) => r.practitionerId)),
    ]);
    return {
      items: rows.map((c) => CredentialDto.from(c, numbers.get(c.practitionerId) ?? '')),
      total,
      page: q.page,
      pageSize: q.pageSize,
      next: found.length > q.pageSize && last ? encodeCredentialCursor(last.id) : null,
    };
  }

  /** Issue one credential. The same Idempotency-Key and body give the same answer and one credential. */
  async issue(
    by: Principal,
    input: IssueCredentialDto,
    idempotencyKey: string,
  ): Promise<IssueResult> {
    const issuerId = await this.requireActiveIssuer(by);
    const errors = checkIssueRules(input, today());
    if (errors.length)
      throw new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        'The credential is not valid.',
        errors,
      );
    const requestHash = createHash('sha256')
      .update(canonicalize(input) ?? '')
      .digest('hex');
    // Reads happen before the transaction: on the embedded database a transaction owns the only
    // backend, so a query on another connection inside it would wait for ever.
    const practitionerId = await this.resolveHolder(input);
    const [issuer, registerNumber, programme] = await Promise.all([
      this.issuers.get(issuerId),
      this.registerNumberOf(practitionerId),
      this.programmeOf(issuerId, input.programmeId),
    ]);
    return this.dataSource.transaction(async (m) => {
      // Serialises requests with the same key, so two concurrent retries cannot both issue.
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `idem:${issuerId}:${idempotencyKey}`,
      ]);
      const previous = await m.findOneBy(IdempotencyRecord, { issuerId, key: idempotencyKey });
      if (previous) {
        if (previous.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
        return {
          status: previous.responseStatus,
          body: previous.responseBody as CredentialDto,
          replayed: true,
        };
      }
      if (
        input.issuerReference &&
        (await m.existsBy(Credential, { issuerId, issuerReference: input.issuerReference }))
      ) {
        throw new ReferenceTakenError();
      }
      const [credential] = await this.insertIssued(m, by, issuerId, issuer.name, [
        { ...input, practitionerId, programme },
      ]);
      const body = CredentialDto.from(credential, registerNumber);
      await m.save(
        m.create(IdempotencyRecord, {
          issuerId,
          key: idempotencyKey,
          requestHash,
          responseStatus: 201,
          responseBody: body,
        }),
      );
      await this.register.refresh(m, [practitionerId]);
      return { status: 201, body, replayed: false };
    });
  }

  private async programmeOf(issuerId: string, id: string | undefined): Promise<Programme | null> {
    if (id === undefined) return null;
    const programme = await this.programmes.ofIssuer(issuerId, id);
    if (!programme) {
      throw new ValidationError('PROGRAMME.NOT_FOUND', 'That is not one of your programmes.', [
        { field: 'programmeId', message: 'not a programme of this body' },
      ]);
    }
    return programme;
  }

  /**
   * Writes issued credentials with their first status change, audit events and outbox events, in the
   * caller's transaction. Used by single and bulk issuing alike.
   */
  async insertIssued(
    m: EntityManager,
    by: Principal,
    issuerId: string,
    awardingBody: string,
    rows: (Omit<IssueCredentialDto, 'registerNumber' | 'registration'> & {
      practitionerId: string;
      /** Its programme, whose competence mapping the credential carries. */
      programme?: Programme | null;
      /** An assessed portfolio: its own provenance, and the competences it was assessed against. */
      assessed?: { competences: CompetenceRequirement[] };
    })[],
  ): Promise<Credential[]> {
    // A plain assign: m.create walks the entity metadata for every row, which a bulk file feels.
    const credentials = rows.map((r) =>
      Object.assign(new Credential(), {
        id: randomUUID(),
        practitionerId: r.practitionerId,
        issuerId,
        awardingBody,
        issuerReference: r.issuerReference ?? null,
        kind: r.kind,
        title: r.title.trim(),
        subject: r.subject?.trim() || null,
        level: r.level ?? null,
        result: r.result?.trim() || null,
        cpdHours: r.cpdHours ?? null,
        awardedOn: r.awardedOn,
        validUntil: r.validUntil ?? null,
        status: 'active',
        provenance: r.assessed ? 'assessed-portfolio' : 'issued',
        claimId: null,
        programmeId: r.programme?.id ?? null,
        competences: r.assessed?.competences ?? r.programme?.competences ?? [],
      }),
    );
    await this.assignStatusEntries(m, credentials);
    await this.credentials.insertMany(m, credentials);
    await this.recordIssued(m, by, credentials);
    return credentials;
  }

  /**
   * Gives new credentials their Bitstring Status List entry (one index serves the revocation and
   * the suspension list of their issuer), before they are saved, in the issuing transaction.
   */
  async assignStatusEntries(m: EntityManager, credentials: Credential[]): Promise<void> {
    const byOwner = new Map<string | null, Credential[]>();
    for (const c of credentials) {
      const group = byOwner.get(c.issuerId);
      if (group) group.push(c);
      else byOwner.set(c.issuerId, [c]);
    }
    for (const [issuerId, group] of byOwner) {
      const entries = await this.statusLists.allocateMany(m, group.length, ownerOf(issuerId));
      group.forEach((c, i) => {
        c.statusListId = entries[i]?.listId ?? null;
        c.statusListIndex = entries[i]?.index ?? null;
      });
    }
  }

  /** The first status change, audit and outbox rows of newly recorded credentials. */
  async recordIssued(
    m: EntityManager,
    by: Principal | null,
    credentials: Credential[],
  ): Promise<void> {
    const actor = actorOf(by);
    // One statement of each kind per batch, whatever its size.
    await this.credentials.insertIssueChanges(m, credentials, actor);
    await this.audit.recordMany(
      m,
      credentials.map((c) => ({
        action: 'credential.issued',
        ...actor,
        entityType: 'credential',
        entityId: c.id,
        data: { issuerId: c.issuerId, practitionerId: c.practitionerId, provenance: c.provenance },
      })),
    );
    await this.outbox.addMany(
      m,
      credentials.map((c) => ({
        type: 'credential.issued' as const,
        practitionerId: c.practitionerId,
        subjectType: 'credential',
        subjectId: c.id,
        data: { kind: c.kind, provenance: c.provenance },
      })),
    );
  }

  /** Suspend, reinstate, revoke or renew, by its issuer or the registrar. Changes on one credential are serialised. */
  async changeStatus(
    id: string,
    action: StatusAction,
    by: Principal,
    details: { reason?: string; validUntil?: string },
  ): Promise<CredentialDto> {
    if (by.role === 'issuer') await this.requireActiveIssuer(by);
    const credential = await this.dataSource.transaction(async (m) => {
      const c = await this.credentials.lockById(m, id);
      if (!c || !canChange(c, by)) throw new CredentialNotFoundError();
      const current = effectiveStatus(c.status, c.validUntil, today());
      const result = transition(current, action);
      if (!result.ok) throw new TransitionRefusedError(result.code, result.reason);
      if (action === 'renew') {
        const until = details.validUntil ?? '';
        if (until <= today() || until <= c.awardedOn) {
          throw new ValidationError(
            'CREDENTIAL.VALID_UNTIL_INVALID',
            'validUntil must be in the future.',
            [{ field: 'validUntil', message: 'must be a future date' }],
          );
        }
        c.validUntil = until;
      }
      const from = c.status;
      c.status = result.next;
      await m.save(c);
      await m.save(
        m.create(CredentialStatusChange, {
          credentialId: c.id,
          fromStatus: current,
          toStatus: result.next,
          action,
          reason: details.reason ?? null,
          validUntil: action === 'renew' ? c.validUntil : null,
          ...actorOf(by),
        }),
      );
      await this.audit.record(m, {
        action: `credential.${PAST_TENSE[action]}`,
        ...actorOf(by),
        entityType: 'credential',
        entityId: c.id,
        data: { from, to: result.next },
      });
      await this.outbox.add(m, {
        type: 'credential.status-changed',
        practitionerId: c.practitionerId,
        subjectType: 'credential',
        subjectId: c.id,
        data: { action, from: current, to: result.next, reason: details.reason ?? null },
      });
      await this.register.refresh(m, [c.practitionerId]);
      return c;
    });
    return this.view(credential, await this.credentials.statusChangesFor([id]));
  }

  /** The issuer a principal acts for, refusing a suspended body. */
  async requireActiveIssuer(by: Principal): Promise<string> {
    if (!by.issuerId) throw new IssuerSuspendedError();
    const issuer = await this.issuers.get(by.issuerId);
    if (issuer.status !== 'recognised') throw new IssuerSuspendedError();
    return issuer.id;
  }

  private async resolveHolder(input: IssueCredentialDto): Promise<string> {
    if (input.registerNumber) {
      const number = requireRegisterNumber(input.registerNumber);
      const id = (await this.practitioners.idsByRegisterNumbers([number])).get(number);
      if (!id) throw new HolderNotFoundError();
      return id;
    }
    const registration = input.registration;
    const checked = registration
      ? validateRegistrationNumber(registration.body, registration.number)
      : null;
    if (!registration || !checked?.ok) {
      throw new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        'The holder registration is not valid.',
        [
          {
            field: 'registration.number',
            message: checked && !checked.ok ? checked.message : 'required',
          },
        ],
      );
    }
    const id = await this.practitioners.findIdByRegistration(registration.body, checked.value);
    if (!id) throw new HolderNotFoundError();
    return id;
  }

  private async registerNumberOf(practitionerId: string): Promise<string> {
    return (
      (await this.practitioners.registerNumbersByIds([practitionerId])).get(practitionerId) ?? ''
    );
  }

  private async view(c: Credential, history: CredentialStatusChange[]): Promise<CredentialDto> {
    return CredentialDto.from(c, await this.registerNumberOf(c.practitionerId), history);
  }
}

function canSee(c: Credential, by: Principal): boolean {
  return (
    by.role === 'registrar' ||
    (by.issuerId !== null && c.issuerId === by.issuerId) ||
    c.practitionerId === by.practitionerId
  );
}

function canChange(c: Credential, by: Principal): boolean {
  return (
    by.role === 'registrar' ||
    (by.role === 'issuer' && by.issuerId !== null && c.issuerId === by.issuerId)
  );
}
