import type { RegisterEntryDto } from '../register/dto/register-entry.dto.js';

export const CSV_HEADER = [
  'registerNumber',
  'givenName',
  'familyName',
  'formerNames',
  'registerStatus',
  'conditions',
  'roles',
  'credentials',
  'pendingClaims',
  'professionalRegistrations',
  'asOf',
];

/** One entry as a JSON Lines record: the public document exactly as the API serves it. */
export function jsonLine(entry: RegisterEntryDto): string {
  return `${JSON.stringify(entry)}\n`;
}

/** One entry as a CSV record: lists joined with "; ", fields within an item with " | ". */
export function csvLine(e: RegisterEntryDto): string {
  return `${[
    e.registerNumber,
    e.givenName,
    e.familyName,
    e.formerNames.join('; '),
    e.registerStatus,
    e.conditions ?? '',
    e.roles.map((r) => `${r.role}: ${r.standing}${r.appointed ? ' (appointed)' : ''}`).join('; '),
    e.credentials
      .map((c) => [c.title, c.awardingBody, c.awardedOn, c.status, c.provenance].join(' | '))
      .join('; '),
    e.pendingClaims.map((c) => [c.title, c.awardingBody, c.awardedOn].join(' | ')).join('; '),
    e.professionalRegistrations.map((r) => `${r.body} ${r.number}`).join('; '),
    e.asOf,
  ]
    .map(csvField)
    .join(',')}\r\n`;
}

/**
 * RFC 4180 quoting, and a leading apostrophe on a value a spreadsheet would run as a formula
 * (names are typed by the public).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
