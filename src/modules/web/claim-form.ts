import { KINDS } from './check-form.js';
import { readDateParts } from './dates.js';
import { field, type FormError } from './form-errors.js';
import { text } from './json-read.js';

/** The choice in the awarding body list for a body that is not listed. */
export const OTHER_BODY = 'other';

export interface ClaimFormValues {
  issuerId: string;
  awardingBody: string;
  kind: string;
  title: string;
  subject: string;
  level: string;
  result: string;
  awarded: { day: string; month: string; year: string };
}

/** What the API is sent: every field, so a correction can also clear an optional one. */
export interface ClaimFields {
  issuerId?: string;
  awardingBody?: string;
  kind: string;
  title: string;
  subject: string | null;
  level: number | null;
  result: string | null;
  awardedOn: string;
}

export function readClaimForm(body: unknown): ClaimFormValues {
  return {
    issuerId: field(body, 'issuerId'),
    awardingBody: field(body, 'awardingBody'),
    kind: field(body, 'kind'),
    title: field(body, 'title'),
    subject: field(body, 'subject'),
    level: field(body, 'level'),
    result: field(body, 'result'),
    awarded: {
      day: field(body, 'awarded[day]'),
      month: field(body, 'awarded[month]'),
      year: field(body, 'awarded[year]'),
    },
  };
}

/** The form as the claim stands (from the API), for correcting it. */
export function claimFormFrom(claim: unknown): ClaimFormValues {
  const issuerId = text(claim, 'issuerId');
  const [year = '', month = '', day = ''] = text(claim, 'awardedOn').split('-');
  return {
    issuerId: issuerId || OTHER_BODY,
    awardingBody: issuerId ? '' : text(claim, 'awardingBody'),
    kind: text(claim, 'kind'),
    title: text(claim, 'title'),
    subject: text(claim, 'subject'),
    level: text(claim, 'level'),
    result: text(claim, 'result'),
    awarded: { day: String(Number(day) || ''), month: String(Number(month) || ''), year },
  };
}

/** Checks the form the way the page words it; the fields to send when there is nothing wrong. */
export function checkClaimForm(values: ClaimFormValues): {
  errors: FormError[];
  fields?: ClaimFields;
} {
  const errors: FormError[] = [];
  if (!values.issuerId)
    errors.push({ field: 'issuerId', text: 'Select the awarding body, or choose another body' });
  if (values.issuerId === OTHER_BODY && !values.awardingBody)
    errors.push({ field: 'awardingBody', text: 'Enter the name of the awarding body' });
  if (!KINDS.some((k) => k.value === values.kind))
    errors.push({ field: 'kind', text: 'Select the type of qualification' });
  if (!values.title) errors.push({ field: 'title', text: 'Enter the name of the qualification' });
  const level = values.level ? Number(values.level) : null;
  if (level !== null && !(Number.isInteger(level) && level >= 1 && level <= 8))
    errors.push({ field: 'level', text: 'Select a level from 1 to 8' });
  const awarded = readDateParts(values.awarded, 'The date awarded');
  if (awarded.ok === 'empty')
    errors.push({ field: 'awarded', text: 'Enter the date the qualification was awarded' });
  else if (awarded.ok === false) errors.push({ field: 'awarded', text: awarded.message });
  else if (awarded.value > new Date().toISOString().slice(0, 10))
    errors.push({ field: 'awarded', text: 'The date awarded must be today or in the past' });
  if (errors.length || awarded.ok !== true) return { errors };
  return {
    errors,
    fields: {
      ...(values.issuerId === OTHER_BODY
        ? { awardingBody: values.awardingBody }
        : { issuerId: values.issuerId }),
      kind: values.kind,
      title: values.title,
      subject: values.subject || null,
      level,
      result: values.result || null,
      awardedOn: awarded.value,
    },
  };
}

/** The API's field errors, named as the form names its fields. */
export function apiFieldErrors(problem: {
  detail: string;
  errors?: { field: string; message: string }[];
}): FormError[] {
  const list = (problem.errors ?? []).map((e) => ({
    field: e.field === 'awardedOn' ? 'awarded' : e.field,
    text: capitalise(e.message),
  }));
  return list.length ? list : [{ field: 'title', text: capitalise(problem.detail) }];
}

export const capitalise = (s: string) =>
  s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Something went wrong';
