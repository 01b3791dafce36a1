import { parseRegisterNumber } from '../practitioners/register-number.js';
import { field, type FormError } from './form-errors.js';
import { CLAIM_FIELDS } from '../verification/claim-fields.js';

export const KINDS = [
  { value: 'degree', text: 'Degree' },
  { value: 'certificate', text: 'Professional certificate' },
  { value: 'registration', text: 'Professional registration' },
  { value: 'cpd', text: 'CPD record' },
];

export interface CheckValues {
  registerNumber: string;
  kind: string;
  title: string;
  awardingBody: string;
  subject: string;
  level: string;
  result: string;
  awardedYear: string;
}

export interface CheckRequest {
  registerNumber: string;
  claim: {
    kind: string;
    title: string;
    awardingBody: string;
    subject?: string;
    level?: number;
    result?: string;
    awardedYear?: number;
  };
}

export function readCheckForm(body: unknown): CheckValues {
  const names: (keyof CheckValues)[] = ['registerNumber', ...CLAIM_FIELDS];
  return Object.fromEntries(names.map((n) => [n, field(body, n)])) as unknown as CheckValues;
}

/** The form's own checks, so a visitor hears about every mistake at once and in plain words. */
export function validateCheck(
  values: CheckValues,
  thisYear: number,
): { errors: FormError[]; request?: CheckRequest } {
  const errors: FormError[] = [];
  const number = parseRegisterNumber(values.registerNumber);
  if (!values.registerNumber)
    errors.push({ field: 'registerNumber', text: 'Enter the register number' });
  else if (!number.ok && number.reason === 'check-digit') {
    errors.push({
      field: 'registerNumber',
      text: 'The register number’s last digit does not match the others. Did you mistype the number?',
    });
  } else if (!number.ok)
    errors.push({
      field: 'registerNumber',
      text: 'Enter a register number in the right format, like DL12345671',
    });
  if (!KINDS.some((k) => k.value === values.kind))
    errors.push({ field: 'kind', text: 'Select the type of qualification' });
  if (!values.title) errors.push({ field: 'title', text: 'Enter the name of the qualification' });
  else if (values.title.length > 200)
    errors.push({
      field: 'title',
      text: 'The name of the qualification must be 200 characters or fewer',
    });
  if (!values.awardingBody) errors.push({ field: 'awardingBody', text: 'Enter the awarding body' });
  else if (values.awardingBody.length > 200)
    errors.push({
      field: 'awardingBody',
      text: 'The awarding body must be 200 characters or fewer',
    });
  if (values.subject.length > 200)
    errors.push({ field: 'subject', text: 'The subject must be 200 characters or fewer' });
  if (values.result.length > 100)
    errors.push({ field: 'result', text: 'The result must be 100 characters or fewer' });
  const level = values.level ? Number(values.level) : undefined;
  if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 8)) {
    errors.push({ field: 'level', text: 'Select a level from 1 to 8, or leave it blank' });
  }
  const year = values.awardedYear ? Number(values.awardedYear) : undefined;
  if (
    year !== undefined &&
    !(/^\d{4}$/.test(values.awardedYear) && year >= 1900 && year <= thisYear)
  ) {
    errors.push({
      field: 'awardedYear',
      text: `The year awarded must be a year from 1900 to ${thisYear}, like 2019`,
    });
  }
  if (errors.length || !number.ok) return { errors };
  return {
    errors,
    request: {
      registerNumber: number.value,
      claim: {
        kind: values.kind,
        title: values.title,
        awardingBody: values.awardingBody,
        ...(values.subject ? { subject: values.subject } : {}),
        ...(level !== undefined ? { level } : {}),
        ...(values.result ? { result: values.result } : {}),
        ...(year !== undefined ? { awardedYear: year } : {}),
      },
    },
  };
}

/** Maps the API's field names (`claim.title`) onto the form's (`title`). */
export function formFieldOf(apiField: string): string {
  return apiField.replace(/^claim\./, '');
}
