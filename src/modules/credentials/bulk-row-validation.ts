import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '../../common/errors/app-error.js';
import type { RawRow } from './bulk-rows.js';
import { CREDENTIAL_KINDS } from './credential.entity.js';
import { checkIssueRules } from './credential-rules.js';
import { IssueCredentialDto } from './dto/issue-credential.dto.js';

const KINDS = new Set<string>(CREDENTIAL_KINDS);
const FIELDS = new Set([
  'registerNumber',
  'kind',
  'title',
  'subject',
  'level',
  'result',
  'cpdHours',
  'awardedOn',
  'validUntil',
  'issuerReference',
]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Checked = { input: IssueCredentialDto; errors: FieldError[] };

/** A bulk row as an issue request, or the reasons it is refused; `today` is YYYY-MM-DD. */
export function validateRow(raw: RawRow, today: string): Checked {
  const plain = raw.__notAnObject ? undefined : plainlyValid(raw);
  return plain ? withRules(plain, [], today) : validateRowFully(raw, today);
}

/** The same answer through class-validator alone: every refused row's messages come from here. */
export function validateRowFully(raw: RawRow, today: string): Checked {
  if (raw.__notAnObject)
    return {
      input: {} as IssueCredentialDto,
      errors: [{ field: 'row', message: 'must be a JSON object' }],
    };
  const input = plainToInstance(IssueCredentialDto, raw);
  const errors = fieldErrors(validateSync(input, { whitelist: true, forbidNonWhitelisted: true }));
  return withRules(input, errors, today);
}

function withRules(input: IssueCredentialDto, errors: FieldError[], today: string): Checked {
  if (!input.issuerReference)
    errors.push({
      field: 'issuerReference',
      message: 'required in a bulk file (it makes resending safe)',
    });
  if (errors.length === 0) errors.push(...checkIssueRules(input, today));
  return { input, errors };
}

/**
 * The row itself when it plainly passes every decorator of IssueCredentialDto, checked by hand.
 * class-validator took about 100 µs a row, a tenth of a second per thousand: most of a bulk file's
 * CPU. Anything unusual (a registration object, nulls, long text, odd numbers) returns undefined
 * and goes through class-validator, so a refused row's messages are exactly what they were.
 */
function plainlyValid(raw: RawRow): (IssueCredentialDto & RawRow) | undefined {
  for (const key in raw) if (!FIELDS.has(key) || raw[key] === undefined) return undefined;
  const { registerNumber, kind, title, subject, level, result, cpdHours, awardedOn, validUntil } =
    raw;
  const ok =
    (registerNumber === undefined || shortString(registerNumber, 20)) &&
    typeof kind === 'string' &&
    KINDS.has(kind) &&
    shortString(title, 200) &&
    title !== '' &&
    (subject === undefined || shortString(subject, 200)) &&
    (level === undefined ||
      (Number.isInteger(level) && Number(level) >= 1 && Number(level) <= 8)) &&
    (result === undefined || shortString(result, 100)) &&
    (cpdHours === undefined || plainHours(cpdHours)) &&
    calendarDate(awardedOn) &&
    (validUntil === undefined || calendarDate(validUntil)) &&
    shortString(raw.issuerReference, 100) &&
    raw.issuerReference !== '';
  return ok ? (raw as IssueCredentialDto & RawRow) : undefined;
}

// UTF-16 length is never below the character count MaxLength uses: stricter, never looser.
const shortString = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length <= max;

function plainHours(v: unknown): boolean {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0.5 || v > 1000) return false;
  return /^\d+(\.\d)?$/.test(String(v));
}

function calendarDate(v: unknown): boolean {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v;
}

function fieldErrors(errors: ReturnType<typeof validateSync>): FieldError[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {})
      .map((message) => ({ field: e.property, message }))
      .concat(
        (e.children ?? []).flatMap((c) =>
          Object.values(c.constraints ?? {}).map((message) => ({
            field: `${e.property}.${c.property}`,
            message,
          })),
        ),
      ),
  );
}
