import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError as ClassError } from 'class-validator';
import type { FieldError } from '../../common/errors/app-error.js';
import type { RawRow } from '../credentials/bulk-rows.js';
import { CLAIM_FIELDS } from './claim-fields.js';
import { ClaimAskedDto } from './dto/verification.dto.js';

/** The CSV columns of a bulk check: who (register number or a professional registration) and the claim. */
export const CHECK_COLUMNS = new Set<string>([
  'registerNumber',
  'registrationBody',
  'registrationNumber',
  ...CLAIM_FIELDS,
]);
export const CHECK_NUMERIC = new Set(['level', 'awardedYear']);

export type CheckRow =
  | {
      ok: true;
      who: { registerNumber: string } | { registration: { body: string; number: string } };
      claim: ClaimAskedDto;
    }
  | { ok: false; errors: FieldError[] };

const flatten = (errors: ClassError[], prefix: string): FieldError[] =>
  errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((message) => ({
      field: `${prefix}${e.property}`,
      message,
    })),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);

/**
 * One row as a single check would take it. A JSON row may nest the claim as the single check
 * does (`{registerNumber, claim: {...}}`) or be flat like a CSV line.
 */
export function parseCheckRow(raw: RawRow): CheckRow {
  if (raw.__notAnObject)
    return { ok: false, errors: [{ field: 'row', message: 'must be an object' }] };
  const nested = raw.claim !== null && typeof raw.claim === 'object' ? (raw.claim as RawRow) : null;
  const source = nested ?? raw;
  const claimInput = Object.fromEntries(
    CLAIM_FIELDS.filter((f) => source[f] !== undefined).map((f) => [f, source[f]]),
  );
  const claim = plainToInstance(ClaimAskedDto, claimInput);
  const errors = flatten(validateSync(claim, { forbidUnknownValues: false }), 'claim.');
  const registerNumber = typeof raw.registerNumber === 'string' ? raw.registerNumber.trim() : '';
  const registration =
    raw.registration !== null && typeof raw.registration === 'object'
      ? (raw.registration as { body?: unknown; number?: unknown })
      : null;
  if (!registerNumber && !registration) {
    errors.push({
      field: 'registerNumber',
      message: 'give a register number or a professional registration (body and number)',
    });
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    who: registerNumber
      ? { registerNumber }
      : {
          registration: {
            body: typeof registration?.body === 'string' ? registration.body : '',
            number: typeof registration?.number === 'string' ? registration.number : '',
          },
        },
    claim,
  };
}
