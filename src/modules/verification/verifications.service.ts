import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryDeepPartialEntity } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AuditProofsService } from '../audit/audit-proofs.service.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import type { Practitioner } from '../practitioners/practitioner.entity.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { requireRegisterNumber } from '../practitioners/register-number.parse.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import {
  type ClaimAsked,
  type FieldComparison,
  findBestMatch,
  type RecordFacts,
} from './claim-matching.js';
import type {
  CreateVerificationDto,
  ReceiptDto,
  ClaimCheckResultDto,
} from './dto/verification.dto.js';
import { parseAt } from '../register/point-in-time.js';
import { PublicEntryService } from '../register/public-entry.service.js';
import { generateReceiptReference, normaliseReceiptReference } from './receipt-reference.js';
import { ReceiptSigner } from './receipt-signer.js';
import { decideOutcome, type CredentialStatusNow } from './verification-outcome.js';
import { VerificationReceipt } from './verification-receipt.entity.js';
import { ReceiptNotFoundError } from './verification.errors.js';
import { VerificationRepository } from './verification.repository.js';

interface Answer {
  practitioner: Practitioner | null;
  outcome: ReturnType<typeof decideOutcome>;
  fields: FieldComparison[];
}

const CLAIMED_FIELDS = [
  'kind',
  'title',
  'awardingBody',
  'subject',
  'level',
  'result',
  'awardedYear',
] as const;

@Injectable()
export class VerificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly practitioners: PractitionersService,
    private readonly entries: PublicEntryService,
    private readonly repository: VerificationRepository,
    private readonly signer: ReceiptSigner,
    private readonly audit: AuditService,
    private readonly proofs: AuditProofsService,
  ) {}

  async check(input: CreateVerificationDto, by: Principal | null): Promise<ClaimCheckResultDto> {
    const registerNumber = requireRegisterNumber(input.registerNumber);
    const asked: ClaimAsked = { ...input.claim };
    const answer = await this.answer(registerNumber, asked);
    const checkedAt = new Date();
    const reference = generateReceiptReference();
    const organisationId = by?.role === 'employer' ? by.organisationId : null;
    const organisation = organisationId
      ? ((await this.repository.organisationNames([organisationId])).get(organisationId) ?? null)
      : null;
    const document = {
      type: 'VerificationReceipt',
      issuer: 'Digital leadership certification registry',
      reference,
      checkedAt: checkedAt.toISOString(),
      registerNumber,
      subject: answer.practitioner
        ? {
            registerNumber,
            name: `${answer.practitioner.givenName} ${answer.practitioner.familyName}`,
          }
        : null,
      claim: withoutUndefined(asked),
      outcome: answer.outcome,
      fields: answer.fields,
      checkedBy: organisation === null ? null : { organisation },
    };
    const proof = await this.signer.sign(document);
    const receiptId = randomUUID();
    await this.dataSource.transaction(async (m) => {
      const entry = await this.audit.record(m, {
        action: 'verification.checked',
        ...actorOf(by),
        entityType: 'verification-receipt',
        entityId: receiptId,
        data: { outcome: answer.outcome, organisationId },
      });
      // insert, not save: with the id set, save would first look the row up.
      // insert, not save: with the id set, save would first look the row up. The receipt names
      // its audit entry and the entry names the receipt, so the id is chosen here.
      const row = m.create(VerificationReceipt, {
        id: receiptId,
        reference,
        practitionerId: answer.practitioner?.id ?? null,
        registerNumber,
        outcome: answer.outcome,
        document,
        signature: proof.signatureValue,
        keyId: proof.kid,
        organisationId,
        userId: by?.kind === 'user' ? by.id : null,
        checkedAt,
        auditEntryId: entry.id,
      });
      // The jsonb document is typed loosely; TypeORM's deep-partial type cannot see it is whole.
      await m.insert(VerificationReceipt, row as QueryDeepPartialEntity<VerificationReceipt>);
    });
    return {
      reference,
      outcome: answer.outcome,
      fields: answer.fields,
      checkedAt: document.checkedAt,
      registerNumber,
      receiptUrl: receiptUrl(reference),
    };
  }

  async receipt(referenceInput: string): Promise<ReceiptDto> {
    const reference = normaliseReceiptReference(referenceInput);
    if (reference === null) throw new ReceiptNotFoundError();
    const receipt = await this.dataSource.manager.findOneBy(VerificationReceipt, { reference });
    if (!receipt) throw new ReceiptNotFoundError();
    const document = receipt.document;
    const proof = await this.signer.proofFor(receipt.keyId, receipt.signature);
    const genuine = await this.signer.verify(document, receipt.signature, receipt.keyId);
    return {
      reference,
      outcome: receipt.outcome,
      fields: document.fields as ReceiptDto['fields'],
      checkedAt: document.checkedAt as string,
      registerNumber: receipt.registerNumber,
      receiptUrl: receiptUrl(reference),
      claim: document.claim as ReceiptDto['claim'],
      checkedBy: document.checkedBy as ReceiptDto['checkedBy'],
      document,
      proof,
      genuine,
      audit: receipt.auditEntryId ? await this.proofs.inclusionOfEntry(receipt.auditEntryId) : null,
    };
  }

  private async answer(registerNumber: string, asked: ClaimAsked): Promise<Answer> {
    let practitioner: Practitioner;
    try {
      practitioner = await this.practitioners.getByRegisterNumber(registerNumber);
    } catch {
      return { practitioner: null, outcome: 'no-record', fields: unrecorded(asked) };
    }
    const parsed = parseAt(undefined);
    if (!parsed.ok) throw new Error(parsed.message);
    const [credentials, claims] = await Promise.all([
      this.entries.credentialsAsOf(practitioner.id, parsed.asOf),
      this.repository.claimsFor(practitioner.id),
    ]);
    const issuers = await this.repository.issuerNames(
      [...credentials.map((c) => c.credential.issuerId), ...claims.map((c) => c.issuerId)].filter(
        (id): id is string => id !== null,
      ),
    );
    const aliases = (issuerId: string | null): string[] => {
      const issuer = issuerId ? issuers.get(issuerId) : undefined;
      return issuer ? [issuer.name, ...issuer.aliases] : [];
    };
    const credentialFacts = credentials.map((c) => ({
      ...facts(c.credential, aliases(c.credential.issuerId)),
      status: c.status as CredentialStatusNow,
    }));
    const claimFacts = claims.map((c) => ({ ...facts(c, aliases(c.issuerId)), status: c.status }));
    const credential = findBestMatch(asked, credentialFacts);
    const claim = credential === null ? findBestMatch(asked, claimFacts) : null;
    const outcome = decideOutcome({
      credential: credential
        ? { status: credential.record.status, comparison: credential.comparison }
        : null,
      claim: claim ? { status: claim.record.status } : null,
    });
    return {
      practitioner,
      outcome,
      fields: credential ? credential.comparison.fields : unrecorded(asked),
    };
  }
}

function facts(
  r: {
    kind: RecordFacts['kind'];
    title: string;
    awardingBody: string;
    subject: string | null;
    level: number | null;
    result: string | null;
    awardedOn: string;
  },
  awardingBodyAliases: string[],
): RecordFacts {
  return {
    kind: r.kind,
    title: r.title,
    awardingBody: r.awardingBody,
    awardingBodyAliases,
    subject: r.subject,
    level: r.level,
    result: r.result,
    awardedOn: r.awardedOn,
  };
}

/** Nothing on record to compare with: every claimed field is "not recorded". */
function unrecorded(asked: ClaimAsked): FieldComparison[] {
  return CLAIMED_FIELDS.map((field) => {
    const claimed = asked[field] ?? null;
    return {
      field,
      claimed,
      recorded: null,
      match: claimed === null ? 'not-claimed' : 'not-recorded',
    };
  });
}

function withoutUndefined(value: ClaimAsked): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

const receiptUrl = (reference: string) => `/${API_PREFIX}/verifications/${reference}`;
