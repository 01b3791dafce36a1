/** The bulk issue file's columns, as the bulk page lists them and its report names them. */
export const BULK_COLUMNS: { name: string; label: string; holds: string; required: boolean }[] = [
  {
    name: 'registerNumber',
    label: 'Register number',
    holds: 'The holder’s register number, such as DL12345671',
    required: true,
  },
  {
    name: 'kind',
    label: 'Type of credential',
    holds: 'degree, certificate, registration or cpd',
    required: true,
  },
  {
    name: 'title',
    label: 'Name of the qualification',
    holds: 'For example, MSc Health Informatics',
    required: true,
  },
  {
    name: 'awardedOn',
    label: 'Date awarded',
    holds: 'A date written as YYYY-MM-DD, such as 2024-05-01',
    required: true,
  },
  {
    name: 'issuerReference',
    label: 'Your reference',
    holds: 'Your own reference for the award; sending it again never issues twice',
    required: true,
  },
  { name: 'subject', label: 'Subject', holds: 'For example, Health Informatics', required: false },
  { name: 'level', label: 'Level', holds: 'A qualification level from 1 to 8', required: false },
  {
    name: 'result',
    label: 'Result or grade',
    holds: 'For example, Distinction or 2:1',
    required: false,
  },
  {
    name: 'cpdHours',
    label: 'CPD hours',
    holds: 'Hours of a CPD record (required when kind is cpd), such as 7.5',
    required: false,
  },
  {
    name: 'validUntil',
    label: 'Valid until',
    holds: 'An end date written as YYYY-MM-DD, after the date awarded',
    required: false,
  },
  {
    name: 'registrationBody',
    label: 'Registration body',
    holds: 'Instead of a register number: GMC, NMC, HCPC or GPhC',
    required: false,
  },
  {
    name: 'registrationNumber',
    label: 'Registration number',
    holds: 'The number with that body',
    required: false,
  },
];

const LABELS = new Map(BULK_COLUMNS.map((c) => [c.name, c.label]));

const REWRITES: [RegExp, string][] = [
  [/^must be one of the following values: (.*)$/, 'must be one of: $1'],
  [
    /^must be a valid ISO 8601 date string$/,
    'must be a date written as YYYY-MM-DD, such as 2024-05-01',
  ],
  [/^should not be empty$|^must be a string$/, 'is missing'],
  [/^must be an integer number$/, 'must be a whole number'],
  [/^must not be greater than (.*)$/, 'must be $1 or less'],
  [/^must not be less than (.*)$/, 'must be $1 or more'],
  [/^must be shorter than or equal to (\d+) characters$/, 'must be $1 characters or fewer'],
  [/\bawardedOn\b/g, 'the date awarded'],
  [/\bvalidUntil\b/g, 'the end date'],
];

/** One refused row's problem in words: "Type of credential (kind) must be one of: …". */
export function bulkProblemText(field: string, message: string): string {
  const column = field.split('.')[0] ?? field;
  const label = LABELS.get(column);
  let words = message.replace(new RegExp(`^${column}\\s+`), '').trim();
  for (const [pattern, replacement] of REWRITES) words = words.replace(pattern, replacement);
  if (column === 'row' || !field) return capitalise(words);
  return label ? `${label} (${column}) ${words}` : `${column}: ${words}`;
}

/** True when the start of the file is text (UTF-8 without NUL bytes), as CSV and JSON are. */
export function looksLikeText(data: Buffer): boolean {
  const head = data.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const capitalise = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
