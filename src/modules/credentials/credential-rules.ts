import type { FieldError } from '../../common/errors/app-error.js';
import type { CredentialKind } from '../roles/role-standing.js';

export interface IssueFacts {
  registerNumber?: string;
  registration?: unknown;
  kind: CredentialKind;
  awardedOn: string;
  validUntil?: string;
  cpdHours?: number;
}

/** Rules across fields that per-field validation cannot see. */
export function checkIssueRules(input: IssueFacts, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const holders = Number(Boolean(input.registerNumber)) + Number(Boolean(input.registration));
  if (holders !== 1) {
    errors.push({
      field: 'registerNumber',
      message: 'give exactly one of registerNumber or registration',
    });
  }
  if (input.awardedOn > today)
    errors.push({ field: 'awardedOn', message: 'must not be in the future' });
  if (input.awardedOn < '1950-01-01')
    errors.push({ field: 'awardedOn', message: 'must be after 1950' });
  if (input.validUntil !== undefined && input.validUntil <= input.awardedOn) {
    errors.push({ field: 'validUntil', message: 'must be after awardedOn' });
  }
  if (input.kind === 'cpd' && input.cpdHours === undefined) {
    errors.push({ field: 'cpdHours', message: 'required for a CPD record' });
  }
  if (input.kind !== 'cpd' && input.cpdHours !== undefined) {
    errors.push({ field: 'cpdHours', message: 'only CPD records have hours' });
  }
  return errors;
}
