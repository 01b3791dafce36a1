import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ValidationError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { today } from '../credentials/credentials.service.js';
import type { Issuer } from '../issuers/issuer.entity.js';
import { IssuersService } from '../issuers/issuers.service.js';
import { RegisterReadModel } from '../register/register-read-model.js';
import { Claim } from './claim.entity.js';
import {
  ClaimAlreadyResubmittedError,
  ClaimNotCorrectableError,
  ClaimNotFoundError,
} from './claim.errors.js';
import type { CorrectClaimDto } from './dto/claim.dto.js';
import { Evidence } from './evidence.entity.js';

export interface CorrectedClaim {
  claim: Claim;
  /** True when a rejected claim was resubmitted as a new pending claim. */
  resubmitted: boolean;
}

/**
 * The claimant corrects what they declared. A pending claim changes in place (the body deciding it
 * sees when); a rejected one stays as the body decided it and a new pending claim carries the
 * corrections, naming the claim it corrects and keeping its evidence.
 */
@Injectable()
export class ClaimCorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issuers: IssuersService,
    private readonly audit: AuditService,
    private readonly register: RegisterReadModel,
  ) {}

  async correct(by: Principal, id: string, input: CorrectClaimDto): Promise<CorrectedClaim> {
    const practitionerId = by.practitionerId;
    if (!practitionerId) throw new ClaimNotFoundError();
    checkInput(input);
    const body = await this.resolveBody(input);
    return this.dataSource.transaction(async (m) => {
      const claim = await m.findOne(Claim, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!claim || claim.practitionerId !== practitionerId) throw new ClaimNotFoundError();
      if (claim.status === 'pending') {
        const changed = apply(claim, input, body);
        claim.correctedAt = new Date();
        await m.save(claim);
        await this.audit.record(m, {
          action: 'claim.corrected',
          ...actorOf(by),
          entityType: 'claim',
          entityId: claim.id,
          data: { fields: changed.join(',') },
        });
        await this.register.refresh(m, [practitionerId]);
        return { claim, resubmitted: false };
      }
      if (claim.status !== 'rejected') throw new ClaimNotCorrectableError(claim.status);
      if (await m.existsBy(Claim, { correctsClaimId: claim.id }))
        throw new ClaimAlreadyResubmittedError();
      const next = m.create(Claim, {
        practitionerId,
        issuerId: claim.issuerId,
        awardingBody: claim.awardingBody,
        awardingBodyRecognised: claim.awardingBodyRecognised,
        kind: claim.kind,
        title: claim.title,
        subject: claim.subject,
        level: claim.level,
        result: claim.result,
        awardedOn: claim.awardedOn,
        correctsClaimId: claim.id,
      });
      const changed = apply(next, input, body);
      await m.save(next);
      await this.carryEvidence(m, claim.id, next.id);
      await this.audit.record(m, {
        action: 'claim.resubmitted',
        ...actorOf(by),
        entityType: 'claim',
        entityId: next.id,
        data: { correctsClaimId: claim.id, fields: changed.join(',') },
      });
      await this.register.refresh(m, [practitionerId]);
      return { claim: next, resubmitted: true };
    });
  }

  /** The evidence files are kept once; the new claim's rows point at the same stored bytes. */
  private async carryEvidence(m: EntityManager, from: string, to: string): Promise<void> {
    const files = await m.find(Evidence, { where: { claimId: from }, order: { createdAt: 'ASC' } });
    if (files.length === 0) return;
    await m.insert(
      Evidence,
      files.map((e) => ({
        claimId: to,
        practitionerId: e.practitionerId,
        fileName: e.fileName,
        mediaType: e.mediaType,
        sizeBytes: e.sizeBytes,
        sha256: e.sha256,
        storageKey: e.storageKey,
      })),
    );
  }

  /** undefined: the body stays; null: a body that is not recognised, named in free text. */
  private async resolveBody(
    input: CorrectClaimDto,
  ): Promise<{ issuer: Issuer | null; name: string } | undefined> {
    if (input.issuerId) {
      const issuer = await this.issuers.get(input.issuerId).catch(() => null);
      if (!issuer || issuer.status !== 'recognised')
        throw new ValidationError(
          'REQUEST.VALIDATION_FAILED',
          'That certifying body is not recognised.',
          [{ field: 'issuerId', message: 'not a recognised certifying body' }],
        );
      return { issuer, name: issuer.name };
    }
    if (input.awardingBody === undefined) return undefined;
    const issuer = await this.issuers.findRecognisedByName(input.awardingBody);
    return { issuer, name: issuer?.name ?? input.awardingBody.trim() };
  }
}

const FIELDS = [
  'issuerId',
  'awardingBody',
  'kind',
  'title',
  'subject',
  'level',
  'result',
  'awardedOn',
] as const;

function checkInput(input: CorrectClaimDto): void {
  if (FIELDS.every((f) => input[f] === undefined))
    throw new ValidationError('CLAIM.NOTHING_TO_CORRECT', 'Give at least one field to correct.', [
      { field: 'title', message: 'give at least one field to correct' },
    ]);
  if (input.issuerId !== undefined && input.awardingBody !== undefined)
    throw new ValidationError(
      'REQUEST.VALIDATION_FAILED',
      'Name the awarding body once: issuerId or awardingBody.',
      [{ field: 'issuerId', message: 'give at most one of issuerId or awardingBody' }],
    );
  if (input.awardedOn !== undefined && input.awardedOn > today())
    throw new ValidationError(
      'REQUEST.VALIDATION_FAILED',
      'An award date cannot be in the future.',
      [{ field: 'awardedOn', message: 'must not be in the future' }],
    );
}

/** Applies the corrections; returns the names of the fields whose value changed. */
function apply(
  claim: Claim,
  input: CorrectClaimDto,
  body: { issuer: Issuer | null; name: string } | undefined,
): string[] {
  const before = { ...claim };
  if (body) {
    claim.issuerId = body.issuer?.id ?? null;
    claim.awardingBody = body.name;
    claim.awardingBodyRecognised = body.issuer !== null;
  }
  if (input.kind !== undefined) claim.kind = input.kind;
  if (input.title !== undefined) claim.title = input.title.trim();
  if (input.subject !== undefined) claim.subject = input.subject?.trim() || null;
  if (input.level !== undefined) claim.level = input.level;
  if (input.result !== undefined) claim.result = input.result?.trim() || null;
  if (input.awardedOn !== undefined) claim.awardedOn = input.awardedOn;
  const compared = [
    'awardingBody',
    'kind',
    'title',
    'subject',
    'level',
    'result',
    'awardedOn',
  ] as const;
  return compared.filter((f) => before[f] !== claim[f]);
}
