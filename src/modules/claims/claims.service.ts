import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ValidationError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { Credential } from '../credentials/credential.entity.js';
import { CredentialsService, today } from '../credentials/credentials.service.js';
import { IssuersService } from '../issuers/issuers.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { RegisterReadModel } from '../register/register-read-model.js';
import { Claim, type ClaimCorrections } from './claim.entity.js';
import { ClaimNotFoundError, ClaimNotPendingError, EvidenceNotFoundError } from './claim.errors.js';
import type { DeclareClaimDto, DocumentCheckDto } from './dto/claim.dto.js';
import { Evidence } from './evidence.entity.js';
import { EvidenceStorage } from './evidence-storage.js';

@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly practitioners: PractitionersService,
    private readonly issuers: IssuersService,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly storage: EvidenceStorage,
    private readonly register: RegisterReadModel,
  ) {}

  listForPractitioner(practitionerId: string): Promise<Claim[]> {
    return this.dataSource.manager.find(Claim, {
      where: { practitionerId },
      order: { createdAt: 'DESC' },
    });
  }

  evidenceFor(claimIds: string[]): Promise<Evidence[]> {
    if (claimIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(Evidence, {
      where: { claimId: In(claimIds) },
      order: { createdAt: 'ASC' },
    });
  }

  async declare(by: Principal, input: DeclareClaimDto): Promise<Claim> {
    const practitionerId = requirePractitioner(by);
    if (Boolean(input.issuerId) === Boolean(input.awardingBody)) {
      throw new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        'Name the awarding body once: issuerId or awardingBody.',
        [{ field: 'issuerId', message: 'give exactly one of issuerId or awardingBody' }],
      );
    }
    if (input.awardedOn > today()) {
      throw new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        'An award date cannot be in the future.',
        [{ field: 'awardedOn', message: 'must not be in the future' }],
      );
    }
    const issuer = input.issuerId
      ? await this.issuers.get(input.issuerId).catch(() => null)
      : await this.issuers.findRecognisedByName(input.awardingBody ?? '');
    if (input.issuerId && (!issuer || issuer.status !== 'recognised')) {
      throw new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        'That certifying body is not recognised.',
        [{ field: 'issuerId', message: 'not a recognised certifying body' }],
      );
    }
    return this.dataSource.transaction(async (m) => {
      const claim = await m.save(
        m.create(Claim, {
          practitionerId,
          issuerId: issuer?.id ?? null,
          awardingBody: issuer?.name ?? (input.awardingBody ?? '').trim(),
          awardingBodyRecognised: issuer !== null,
          kind: input.kind,
          title: input.title.trim(),
          subject: input.subject?.trim() || null,
          level: input.level ?? null,
          result: input.result?.trim() || null,
          awardedOn: input.awardedOn,
        }),
      );
      await this.audit.record(m, {
        action: 'claim.declared',
        ...actorOf(by),
        entityType: 'claim',
        entityId: claim.id,
        data: { issuerId: claim.issuerId },
      });
      await this.register.refresh(m, [practitionerId]);
      return claim;
    });
  }

  async withdraw(by: Principal, id: string): Promise<void> {
    const practitionerId = requirePractitioner(by);
    await this.dataSource.transaction(async (m) => {
      const claim = await this.lockClaim(m, id);
      if (claim.practitionerId !== practitionerId) throw new ClaimNotFoundError();
      if (claim.status !== 'pending') throw new ClaimNotPendingError(claim.status);
      claim.status = 'withdrawn';
      claim.decidedAt = new Date();
      await m.save(claim);
      await this.audit.record(m, {
        action: 'claim.withdrawn',
        ...actorOf(by),
        entityType: 'claim',
        entityId: id,
      });
      await this.register.refresh(m, [practitionerId]);
    });
  }

  async attachEvidence(
    by: Principal,
    claimId: string,
    fileName: string,
    stream: Readable,
  ): Promise<Evidence> {
    const practitionerId = requirePractitioner(by);
    const claim = await this.dataSource.manager.findOneBy(Claim, { id: claimId, practitionerId });
    if (!claim) {
      stream.resume();
      throw new ClaimNotFoundError();
    }
    const stored = await this.storage.save(practitionerId, stream);
    try {
      return await this.dataSource.transaction(async (m) => {
        const evidence = await m.save(
          m.create(Evidence, {
            claimId,
            practitionerId,
            fileName: cleanFileName(fileName),
            ...stored,
          }),
        );
        await this.audit.record(m, {
          action: 'evidence.attached',
          ...actorOf(by),
          entityType: 'evidence',
          entityId: evidence.id,
          data: { claimId },
        });
        return evidence;
      });
    } catch (error) {
      await this.storage.remove(stored.storageKey);
      throw error;
    }
  }

  /** The file, for its holder, the named issuer or the registrar; anyone else gets a 404. */
  async openEvidence(by: Principal, id: string): Promise<{ evidence: Evidence; stream: Readable }> {
    const evidence = await this.dataSource.manager.findOneBy(Evidence, { id });
    if (!evidence) throw new EvidenceNotFoundError();
    const claim = await this.dataSource.manager.findOneBy(Claim, { id: evidence.claimId });
    const allowed =
      by.role === 'registrar' ||
      (by.role === 'practitioner' && by.practitionerId === evidence.practitionerId) ||
      (by.role === 'issuer' && by.issuerId !== null && claim?.issuerId === by.issuerId);
    if (!allowed) throw new EvidenceNotFoundError();
    return { evidence, stream: this.storage.open(evidence.storageKey) };
  }

  async forIssuer(
    by: Principal,
    status?: string,
  ): Promise<
    {
      claim: Claim;
      claimant: {
        registerNumber: string;
        givenName: string;
        familyName: string;
        formerNames: string[];
        dateOfBirth: string | null;
      };
    }[]
  > {
    const claims = await this.dataSource.manager.find(Claim, {
      where: {
        issuerId: by.issuerId ?? '00000000-0000-0000-0000-000000000000',
        ...(status ? { status: status as Claim['status'] } : {}),
      },
      order: { createdAt: 'ASC' },
      take: 500,
    });
    const people = await Promise.all(
      [...new Set(claims.map((c) => c.practitionerId))].map((id) => this.practitioners.getById(id)),
    );
    const byId = new Map(people.map((p) => [p.id, p]));
    return claims.map((claim) => {
      const p = byId.get(claim.practitionerId);
      return {
        claim,
        claimant: {
          registerNumber: p?.registerNumber ?? '',
          givenName: p?.givenName ?? '',
          familyName: p?.familyName ?? '',
          formerNames: p?.formerNames ?? [],
          // The practitioner agreed to this by naming the body: it matches them to its records.
          dateOfBirth: p?.dateOfBirth ?? null,
        },
      };
    });
  }

  /** The named body confirms: a credential is made from the claim, with its corrections. */
  async confirm(
    by: Principal,
    id: string,
    corrections: ClaimCorrections | undefined,
  ): Promise<Claim> {
    const issuerId = await this.credentials.requireActiveIssuer(by);
    const issuer = await this.issuers.get(issuerId);
    if (corrections?.awardedOn && corrections.awardedOn > today()) {
      throw new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        'An award date cannot be in the future.',
        [{ field: 'corrections.awardedOn', message: 'must not be in the future' }],
      );
    }
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lockClaim(m, id);
      if (claim.issuerId !== issuerId) throw new ClaimNotFoundError();
      if (claim.status !== 'pending') throw new ClaimNotPendingError(claim.status);
      const credential = await this.makeCredential(
        m,
        claim,
        corrections ?? {},
        issuerId,
        issuer.name,
        'confirmed-by-awarding-body',
      );
      await this.credentials.recordIssued(m, by, [credential]);
      return this.decide(m, by, claim, 'confirmed', null, {
        corrections: corrections ?? null,
        credentialId: credential.id,
      });
    });
  }

  async reject(by: Principal, id: string, reason: string): Promise<Claim> {
    const issuerId = await this.credentials.requireActiveIssuer(by);
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lockClaim(m, id);
      if (claim.issuerId !== issuerId) throw new ClaimNotFoundError();
      if (claim.status !== 'pending') throw new ClaimNotPendingError(claim.status);
      return this.decide(m, by, claim, 'rejected', reason, {});
    });
  }

  /** The registrar saw the original document: genuine makes a document-checked credential. */
  async documentCheck(by: Principal, id: string, input: DocumentCheckDto): Promise<Claim> {
    return this.dataSource.transaction(async (m) => {
      const claim = await this.lockClaim(m, id);
      claim.documentCheck = {
        outcome: input.outcome,
        note: input.note,
        checkedBy: by.id,
        checkedAt: new Date().toISOString(),
      };
      await m.save(claim);
      await this.audit.record(m, {
        action: 'claim.document-checked',
        ...actorOf(by),
        entityType: 'claim',
        entityId: id,
        data: { outcome: input.outcome },
      });
      if (claim.status !== 'pending' || input.outcome === 'inconclusive') return claim;
      if (input.outcome === 'not-genuine')
        return this.decide(m, by, claim, 'rejected', `Document check: ${input.note}`, {});
      const credential = await this.makeCredential(
        m,
        claim,
        {},
        claim.issuerId,
        claim.awardingBody,
        'document-checked',
      );
      await this.credentials.recordIssued(m, by, [credential]);
      return this.decide(m, by, claim, 'confirmed', 'Original document checked by the registrar', {
        credentialId: credential.id,
      });
    });
  }

  private async makeCredential(
    m: EntityManager,
    claim: Claim,
    corrections: ClaimCorrections,
    issuerId: string | null,
    awardingBody: string,
    provenance: Credential['provenance'],
  ): Promise<Credential> {
    const credential = m.create(Credential, {
      practitionerId: claim.practitionerId,
      issuerId,
      awardingBody,
      kind: claim.kind,
      title: corrections.title ?? claim.title,
      subject: corrections.subject !== undefined ? corrections.subject : claim.subject,
      level: corrections.level !== undefined ? corrections.level : claim.level,
      result: corrections.result !== undefined ? corrections.result : claim.result,
      awardedOn: corrections.awardedOn ?? claim.awardedOn,
      status: 'active',
      provenance,
      claimId: claim.id,
    });
    await this.credentials.assignStatusEntries(m, [credential]);
    return m.save(credential);
  }

  private async decide(
    m: EntityManager,
    by: Principal,
    claim: Claim,
    status: 'confirmed' | 'rejected',
    reason: string | null,
    extra: { corrections?: ClaimCorrections | null; credentialId?: string },
  ): Promise<Claim> {
    claim.status = status;
    claim.decisionReason = reason;
    claim.decidedAt = new Date();
    claim.decidedBy = by.id;
    if (extra.corrections !== undefined) claim.corrections = extra.corrections;
    if (extra.credentialId) claim.credentialId = extra.credentialId;
    await m.save(claim);
    await this.audit.record(m, {
      action: `claim.${status}`,
      ...actorOf(by),
      entityType: 'claim',
      entityId: claim.id,
      data: { credentialId: claim.credentialId },
    });
    await this.outbox.add(m, {
      type: 'claim.decided',
      practitionerId: claim.practitionerId,
      subjectType: 'claim',
      subjectId: claim.id,
      data: { outcome: status },
    });
    await this.register.refresh(m, [claim.practitionerId]);
    return claim;
  }

  private async lockClaim(m: EntityManager, id: string): Promise<Claim> {
    const claim = await m.findOne(Claim, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!claim) throw new ClaimNotFoundError();
    return claim;
  }
}

function requirePractitioner(by: Principal): string {
  if (!by.practitionerId) throw new ClaimNotFoundError();
  return by.practitionerId;
}

/** Keeps a display name only: no path, no control characters, bounded length. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'evidence';
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').slice(0, 200) || 'evidence';
}
