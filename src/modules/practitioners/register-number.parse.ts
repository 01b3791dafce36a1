import { RegisterNumberCheckDigitError, RegisterNumberFormatError } from './practitioner.errors.js';
import { normaliseRegisterNumber, parseRegisterNumber } from './register-number.js';

/** The register number, normalised, or a 400 that says whether it is malformed or mistyped. */
export function requireRegisterNumber(input: string): string {
  const parsed = parseRegisterNumber(input);
  if (parsed.ok) return parsed.value;
  if (parsed.reason === 'check-digit')
    throw new RegisterNumberCheckDigitError(normaliseRegisterNumber(input));
  throw new RegisterNumberFormatError();
}
