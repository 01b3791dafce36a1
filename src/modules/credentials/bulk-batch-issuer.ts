import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../common/errors/app-error.js';
import type { Principal } from '../auth/principal.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { parseRegisterNumber } from '../practitioners/register-number.js';
import { validateRegistrationNumber } from '../practitioners/professional-registration.js';
import { RegisterReadModel } from '../register/register-read-model.js';
import type { RawRow } from './bulk-rows.js';
import { validateRow } from './bulk-row-validation.js';
import { CredentialsRepository } from './credentials.repository.js';
import { CredentialsService, today } from './credentials.service.js';
import type { IssueCredentialDto } from './dto/issue-credential.dto.js';

export interface RowReport {
  row: number;
  outcome: 'issued' | 'already-issued' | 'refused';
  issuerReference?: string;
  credentialId?: string;
  code?: string;
  errors?: FieldError[];
}

/** A batch's rows as reported, and the practitioners whose register entries it left due. */
export interface BatchResult {
  reports: RowReport[];
  holders: string[];
}

interface Pending {
  row: number;
  input: IssueCredentialDto;
}

/** One batch of a bulk file: its rows checked, resolved and issued in one transaction. */
@Injectable()
export class BulkBatchIssuer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsService,
    private readonly repository: CredentialsRepository,
    private readonly practitioners: PractitionersService,
    private readonly register: RegisterReadModel,
  ) {}

  async issue(
    by: Principal,
    issuerId: string,
    awardingBody: string,
    batch: { row: number; raw: RawRow }[],
  ): Promise<BatchResult> {
    const reports = new Map<number, RowReport>();
    const pending: Pending[] = [];
    const seen = new Set<string>();
    const asOf = today();
    for (const { row, raw } of batch) {
      const checked = validateRow(raw, asOf);
      const reference = typeof raw.issuerReference === 'string' ? raw.issuerReference : undefined;
      if (checked.errors.length) {
        reports.set(row, {
          row,
          outcome: 'refused',
          issuerReference: reference,
          code: 'REQUEST.VALIDATION_FAILED',
          errors: checked.errors,
        });
      } else if (seen.has(checked.input.issuerReference ?? '')) {
        reports.set(row, {
          row,
          outcome: 'refused',
          issuerReference: reference,
          code: 'BULK.DUPLICATE_REFERENCE',
          errors: [{ field: 'issuerReference', message: 'appears twice in this file' }],
        });
      } else {
        seen.add(checked.input.issuerReference ?? '');
        pending.push({ row, input: checked.input });
      }
    }
    const holders = await this.resolveHolders(pending, reports);
    const toIssue = pending.filter((p) => !reports.has(p.row));
    const holderIds = await this.dataSource.transaction(async (m) => {
      const existing = await this.repository.byReferences(
        m,
        issuerId,
        toIssue.map((p) => p.input.issuerReference ?? ''),
      );
      const fresh: (Pending & { practitionerId: string })[] = [];
      for (const p of toIssue) {
        const practitionerId = holders.get(p.row) ?? '';
        const found = existing.get(p.input.issuerReference ?? '');
        if (!found) fresh.push({ ...p, practitionerId });
        else if (
          found.practitionerId === practitionerId &&
          found.title === p.input.title.trim() &&
          found.awardedOn === p.input.awardedOn
        ) {
          reports.set(p.row, {
            row: p.row,
            outcome: 'already-issued',
            issuerReference: p.input.issuerReference,
            credentialId: found.id,
          });
        } else {
          reports.set(p.row, {
            row: p.row,
            outcome: 'refused',
            issuerReference: p.input.issuerReference,
            code: 'CREDENTIAL.REFERENCE_TAKEN',
            errors: [
              { field: 'issuerReference', message: 'already used for a different credential' },
            ],
          });
        }
      }
      const issued = await this.credentials.insertIssued(
        m,
        by,
        issuerId,
        awardingBody,
        fresh.map((p) => ({ ...p.input, practitionerId: p.practitionerId })),
      );
      // Marking entries due is one cheap statement; rebuilding a holder's entry reads all their
      // credentials, which the caller does once per holder after the commit, not once per batch.
      await this.register.markDue(
        m,
        issued.map((c) => c.practitionerId),
      );
      issued.forEach((credential, i) => {
        const p = fresh[i] as Pending;
        reports.set(p.row, {
          row: p.row,
          outcome: 'issued',
          issuerReference: p.input.issuerReference,
          credentialId: credential.id,
        });
      });
      return issued.map((c) => c.practitionerId);
    });
    return {
      reports: batch.map(({ row }) => reports.get(row) as RowReport),
      holders: [...new Set(holderIds)],
    };
  }

  private async resolveHolders(
    pending: Pending[],
    reports: Map<number, RowReport>,
  ): Promise<Map<number, string>> {
    const holders = new Map<number, string>();
    const numbers = pending.flatMap((p) => {
      const parsed = p.input.registerNumber ? parseRegisterNumber(p.input.registerNumber) : null;
      return parsed?.ok ? [parsed.value] : [];
    });
    const ids = await this.practitioners.idsByRegisterNumbers(numbers);
    for (const p of pending) {
      let id: string | null | undefined;
      if (p.input.registerNumber) {
        const parsed = parseRegisterNumber(p.input.registerNumber);
        if (!parsed.ok) {
          const message =
            parsed.reason === 'check-digit'
              ? 'check digit is wrong: mistyped?'
              : 'must be DL followed by 8 digits';
          reports.set(
            p.row,
            refuse(p, 'PRACTITIONER.REGISTER_NUMBER_INVALID', 'registerNumber', message),
          );
          continue;
        }
        id = ids.get(parsed.value);
      } else if (p.input.registration) {
        const checked = validateRegistrationNumber(
          p.input.registration.body,
          p.input.registration.number,
        );
        if (!checked.ok) {
          reports.set(
            p.row,
            refuse(p, 'REQUEST.VALIDATION_FAILED', 'registration.number', checked.message),
          );
          continue;
        }
        id = await this.practitioners.findIdByRegistration(
          p.input.registration.body,
          checked.value,
        );
      }
      if (id) holders.set(p.row, id);
      else
        reports.set(
          p.row,
          refuse(
            p,
            'CREDENTIAL.HOLDER_NOT_FOUND',
            'registerNumber',
            'no practitioner on the register matches',
          ),
        );
    }
    return holders;
  }
}

function refuse(p: Pending, code: string, field: string, message: string): RowReport {
  return {
    row: p.row,
    outcome: 'refused',
    issuerReference: p.input.issuerReference,
    code,
    errors: [{ field, message }],
  };
}
