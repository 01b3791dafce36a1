import { validateRow, validateRowFully } from './bulk-row-validation.js';

const TODAY = '2026-06-01';
const good = {
  registerNumber: 'DL12345671',
  kind: 'degree',
  title: 'MSc Health Informatics',
  subject: 'Health Informatics',
  level: 7,
  result: 'Merit',
  awardedOn: '2020-07-01',
  issuerReference: 'REF-1',
};

// Each row is checked both ways: the hand-written fast path may only ever agree with class-validator.
const rows: [string, Record<string, unknown>][] = [
  ['a plain degree', good],
  ['a CPD record with hours', { ...good, kind: 'cpd', level: undefined, cpdHours: 12.5 }],
  ['a certificate with an end date', { ...good, kind: 'certificate', validUntil: '2030-01-01' }],
  ['hours with two decimals', { ...good, kind: 'cpd', cpdHours: 12.25 }],
  ['hours below the minimum', { ...good, kind: 'cpd', cpdHours: 0.4 }],
  ['a fractional level', { ...good, level: 7.5 }],
  ['a level out of range', { ...good, level: 9 }],
  ['a level as text', { ...good, level: '7' }],
  ['an unknown kind', { ...good, kind: 'diploma' }],
  ['an empty title', { ...good, title: '' }],
  ['a title of 200 characters', { ...good, title: 'T'.repeat(200) }],
  ['a title of 201 characters', { ...good, title: 'T'.repeat(201) }],
  ['a date that does not exist', { ...good, awardedOn: '2023-02-30' }],
  ['a date with a time', { ...good, awardedOn: '2023-02-01T10:00:00Z' }],
  ['a future date', { ...good, awardedOn: '2999-01-01' }],
  ['an end before the start', { ...good, validUntil: '2019-01-01' }],
  ['an unknown field', { ...good, status: 'revoked' }],
  ['a null subject', { ...good, subject: null }],
  ['no reference', { ...good, issuerReference: undefined }],
  ['an empty reference', { ...good, issuerReference: '' }],
  [
    'a registration instead of a number',
    { ...good, registerNumber: undefined, registration: { body: 'GMC', number: '7012345' } },
  ],
  ['both holders', { ...good, registration: { body: 'GMC', number: '7012345' } }],
  [
    'a bad registration body',
    { ...good, registerNumber: undefined, registration: { body: 'XYZ', number: '1' } },
  ],
  ['a register number as a number', { ...good, registerNumber: 12345671 }],
  ['not an object', { __notAnObject: true }],
];

describe(validateRow.name, () => {
  it.each(rows)('should agree with class-validator on %s', (_, raw) => {
    const row = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
    const fast = validateRow(row, TODAY);
    const full = validateRowFully(
      JSON.parse(JSON.stringify(raw)) as Record<string, unknown>,
      TODAY,
    );
    expect(fast.errors).toEqual(full.errors);
    if (full.errors.length === 0) expect({ ...fast.input }).toEqual({ ...full.input });
  });

  it('should accept a plain row and refuse a broken one', () => {
    expect(validateRow({ ...good }, TODAY).errors).toEqual([]);
    expect(validateRow({ ...good, level: 9 }, TODAY).errors.map((e) => e.field)).toEqual(['level']);
  });
});
