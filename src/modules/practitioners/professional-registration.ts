/**
 * Format checks for UK professional register numbers. A pass means "well formed" only: it never
 * means the external register was consulted.
 */
export type RegistrationBody = 'GMC' | 'NMC' | 'HCPC' | 'GPhC';

export const REGISTRATION_BODIES: readonly RegistrationBody[] = ['GMC', 'NMC', 'HCPC', 'GPhC'];

export const HCPC_PROFESSION_PREFIXES: readonly string[] = [
  'AS', 'BS', 'CH', 'CS', 'DT', 'HAD', 'OD', 'ODP', 'OT', 'PA', 'PH', 'PO', 'PYL', 'RA', 'SL',
]; // prettier-ignore

export type RegistrationNumberResult = { ok: true; value: string } | { ok: false; message: string };

export interface DetectedRegistration {
  body: RegistrationBody;
  number: string;
}

interface BodyFormat {
  pattern: RegExp;
  expected: string;
}

const FORMATS: Record<RegistrationBody, BodyFormat> = {
  GMC: { pattern: /^[0-9]{7}$/, expected: 'a GMC number is exactly 7 digits, e.g. 1234567' },
  NMC: {
    pattern: /^[0-9]{2}[A-Z][0-9]{4}[A-Z]$/,
    expected: 'an NMC PIN is 2 digits, a letter, 4 digits and a letter, e.g. 01A2345N',
  },
  HCPC: {
    pattern: new RegExp(`^(?:${HCPC_PROFESSION_PREFIXES.join('|')})[0-9]{1,6}$`),
    expected: `an HCPC number is a profession prefix (${HCPC_PROFESSION_PREFIXES.join(', ')}) followed by 1 to 6 digits, e.g. PH123456`,
  },
  GPhC: {
    pattern: /^2[0-9]{6}$/,
    expected: 'a GPhC number is 7 digits starting with 2, e.g. 2012345',
  },
};

export function isRegistrationBody(value: unknown): value is RegistrationBody {
  return typeof value === 'string' && (REGISTRATION_BODIES as readonly string[]).includes(value);
}

/** Trim, uppercase, drop all whitespace (`01a 2345n` → `01A2345N`). */
export function normaliseRegistrationNumber(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, '');
}

export function validateRegistrationNumber(
  body: RegistrationBody,
  number: string,
): RegistrationNumberResult {
  const value = normaliseRegistrationNumber(number);
  const format = FORMATS[body];
  if (format.pattern.test(value)) {
    return { ok: true, value };
  }
  return { ok: false, message: `Not a valid ${body} number: ${format.expected}` };
}

/**
 * Which bodies a search string could be a registration number for. A leading body name
 * (`GMC 1234567`, `nmc:01A2345N`) narrows the answer to that body.
 */
export function detectRegistration(input: string): DetectedRegistration[] {
  const value = normaliseRegistrationNumber(input);
  const named = REGISTRATION_BODIES.find((b) => value.startsWith(b.toUpperCase()));
  const candidates = named ? [named] : REGISTRATION_BODIES;
  const rest = named ? value.slice(named.length).replace(/^[:#-]/, '') : value;
  const found: DetectedRegistration[] = [];
  for (const body of candidates) {
    const result = validateRegistrationNumber(body, rest);
    if (result.ok) {
      found.push({ body, number: result.value });
    }
  }
  return found;
}
