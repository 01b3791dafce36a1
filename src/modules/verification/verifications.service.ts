import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AuditProofsService } from '../audit/audit-proofs.service.js';
import { type AuditInput, AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { requireRegisterNumber } from '../practitioners/register-number.parse.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { CLAIM_FIELDS } from './claim-fields.js';
import { preparedQuery } from '../../database/prepared-query.js';
import { type ClaimAsked, type FieldComparison, findBestMatch } from './claim-matching.js';
import type {
  ClaimAskedDto,
  CreateVerificationDto,
  ReceiptDto,
  ClaimCheckResultDto,
} from './dto/verification.dto.js';
import { credentialAsOf, parseAt } from '../register/point-in-time.js';
import { generateReceiptReference, normaliseReceiptReference } from './receipt-reference.js';
import { ReceiptSigner } from './receipt-signer.js';
import { decideOutcome } from './verification-outcome.js';
import { VerificationReceipt } from './verification-receipt.entity.js';
import { ReceiptNotFoundError } from './verification.errors.js';
import { type CheckFacts, VerificationRepository } from './verification.repository.js';

interface Answer {
  outcome: ReturnType<typeof decideOutcome>;
  fields: FieldComparison[];
  /** How the matched credential is known, when one matched. */
  provenance?: string;
}

interface PreparedReceipt {
  receiptId: string;
  practitionerId: string | null;
  organisationId: string | null;
  userId: string | null;
  checkedAt: Date;
  /** The signed document's JCS text, stored as the receipt's document. */
  documentText: string;
  signature: string;
  kid: string;
  audit: AuditInput;
  result: ClaimCheckResultDto;
}

const RECEIPT_COLUMNS = `id, reference, practitioner_id, register_number, outcome, document, signature,
  key_id, organisation_id, user_id, checked_at, audit_entry_id`;

/** One receipt's values in RECEIPT_COLUMNS order. */
const receiptValues = (r: PreparedReceipt, auditEntryId: string | null): unknown[] => [
  r.receiptId,
  r.result.reference,
  r.practitionerId,
  r.result.registerNumber,
  r.result.outcome,
  r.documentText,
  r.signature,
  r.kid,
  r.organisationId,
  r.userId,
  r.checkedAt,
  auditEntryId,
];

const organisationOf = (by: Principal | null) =>
  by?.role === 'employer' ? (by.organisationId ?? null) : null;

@Injectable()
export class VerificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: VerificationRepository,
    private readonly signer: ReceiptSigner,
    private readonly audit: AuditService,
    private readonly proofs: AuditProofsService,
  ) {}

  /**
   * One read (the practitioner's records, their issuers' names and the checker's organisation),
   * one signature, and one statement that writes the receipt with its audit entry: no transaction
   * around it, so nothing is held while the next check waits.
   */
  async check(input: CreateVerificationDto, by: Principal | null): Promise<ClaimCheckResultDto> {
    const registerNumber = requireRegisterNumber(input.registerNumber);
    const organisationId = organisationOf(by);
    const facts = await this.repository.checkFacts(registerNumber, organisationId);
    const receipt = await this.prepare(registerNumber, input.claim, facts, by);
    // Run as a prepared statement: its text is the same for every check.
    const statement = this.audit.statementWith(receipt.audit, (entry) => ({
      sql: `INSERT INTO verification_receipts (${RECEIPT_COLUMNS})
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12)`,
      params: receiptValues(receipt, entry.id),
    }));
    await preparedQuery(this.dataSource, 'claim-check-receipt', statement.sql, statement.params);
    return receipt.result;
  }

  /**
   * Many checks (a bulk check's batch) as one read of every number's facts and one transaction
   * that writes every receipt and its audit entry: the same answers and receipts as `check`,
   * without a round trip per row. Register numbers must already be valid.
   */
  async checkMany(
    inputs: { registerNumber: string; claim: ClaimAskedDto }[],
    by: Principal | null,
  ): Promise<ClaimCheckResultDto[]> {
    if (inputs.length === 0) return [];
    const numbers = inputs.map((i) => requireRegisterNumber(i.registerNumber));
    const facts = await this.repository.checkFactsMany(numbers, organisationOf(by));
    const receipts: PreparedReceipt[] = [];
    for (const [i, input] of inputs.entries()) {
      const number = numbers[i] ?? '';
      const found = facts.get(number);
      if (!found) throw new Error(`No facts read for ${number}.`);
      receipts.push(await this.prepare(number, input.claim, found, by));
    }
    await this.dataSource.transaction(async (m) => {
      const entries = await this.audit.recordMany(
        m,
        receipts.map((r) => r.audit),
      );
      const rows = receipts.map((r, i) => receiptValues(r, entries[i]?.id ?? null));
      const column = (n: number) => rows.map((row) => row[n]);
      await m.query(
        `INSERT INTO verification_receipts (${RECEIPT_COLUMNS})
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[],
           $6::jsonb[], $7::varchar[], $8::varchar[], $9::uuid[], $10::uuid[], $11::timestamptz[], $12::uuid[])`,
        Array.from({ length: 12 }, (_, n) => column(n)),
      );
    });
    return receipts.map((r) => r.result);
  }

  /** The answer and its signed receipt document, from facts already read. */
  private async prepare(
    registerNumber: string,
    claim: ClaimAsked,
    facts: CheckFacts,
    by: Principal | null,
  ): Promise<PreparedReceipt> {
    const asked: ClaimAsked = { ...claim };
    const organisationId = organisationOf(by);
    const answer = answerFrom(facts, asked);
    const checkedAt = new Date();
    const reference = generateReceiptReference();
    const practitioner = facts.practitioner;
    const document = {
      type: 'VerificationReceipt',
      issuer: 'Digital leadership certification registry',
      reference,
      checkedAt: checkedAt.toISOString(),
      registerNumber,
      subject: practitioner
        ? { registerNumber, name: `${practitioner.givenName} ${practitioner.familyName}` }
        : null,
      claim: withoutUndefined(asked),
      outcome: answer.outcome,
      fields: answer.fields,
      checkedBy: facts.organisation === null ? null : { organisation: facts.organisation },
      ...(answer.provenance ? { provenance: answer.provenance } : {}),
    };
    const { proof, text } = await this.signer.sign(document);
    // The receipt names its audit entry and the entry names the receipt, so the id is chosen here.
    const receiptId = randomUUID();
    return {
      receiptId,
      practitionerId: practitioner?.id ?? null,
      organisationId,
      userId: by?.kind === 'user' ? by.id : null,
      checkedAt,
      documentText: text,
      signature: proof.signatureValue,
      kid: proof.kid,
      audit: {
        action: 'verification.checked',
        ...actorOf(by),
        entityType: 'verification-receipt',
        entityId: receiptId,
        data: { outcome: answer.outcome, organisationId },
      },
      result: {
        reference,
        outcome: answer.outcome,
        fields: answer.fields,
        checkedAt: document.checkedAt,
        registerNumber,
        receiptUrl: receiptUrl(reference),
      },
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
}

/** The outcome and the field-by-field comparison, from the records as they stand now. */
function answerFrom(facts: CheckFacts, asked: ClaimAsked): Answer {
  if (facts.practitioner === null) return { outcome: 'no-record', fields: unrecorded(asked) };
  const parsed = parseAt(undefined);
  if (!parsed.ok) throw new Error(parsed.message);
  const asOf = parsed.asOf;
  // Today's status needs no history: the stored status with its expiry applied.
  const credentialFacts = facts.credentials.flatMap((c) => {
    const now = credentialAsOf(c, [], asOf);
    return now === null ? [] : [{ ...c, status: now.status }];
  });
  const credential = findBestMatch(asked, credentialFacts);
  const claim = credential === null ? findBestMatch(asked, facts.claims) : null;
  const outcome = decideOutcome({
    credential: credential
      ? { status: credential.record.status, comparison: credential.comparison }
      : null,
    claim: claim ? { status: claim.record.status } : null,
  });
  return {
    outcome,
    fields: credential ? credential.comparison.fields : unrecorded(asked),
    ...(credential?.record.provenance ? { provenance: credential.record.provenance } : {}),
  };
}

/** Nothing on record to compare with: every claimed field is "not recorded". */
function unrecorded(asked: ClaimAsked): FieldComparison[] {
  return CLAIM_FIELDS.map((field) => {
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
