import fc from 'fast-check';

/** A body sent as these exact characters, not as JSON of a value (malformed or pathological JSON). */
export interface RawBody {
  raw: string;
}

const nested = (depth: number, leaf: unknown = 'x'): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

const FIXED_STRINGS = [
  '\u0000',
  'a\u0000b',
  '%00',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '..%2f..%2fetc%2fpasswd',
  '/',
  '.',
  '..',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  '%',
  '_',
  '\\',
  '$1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '\r\nX-Injected: 1',
  '\u202e\u0301\ufeff',
  '\uffff\ufffe',
  '-1',
  '0',
  '9999999999999999999999',
  '1e309',
  'NaN',
  'true',
  'null',
  '[]',
  '{}',
  '0000-00-00',
  '2024-02-30',
  '99999-12-31',
  'DL00000000',
  'DL0000000',
  '00000000-0000-0000-0000-000000000000',
  'https://169.254.169.254/latest/meta-data',
  ' ',
  '',
];

const HUGE_STRINGS = [
  'A'.repeat(100_000),
  '\u{1F600}'.repeat(25_000),
  "'".repeat(100_000),
  '\u00e9'.repeat(50_000),
];

/** Strings PostgreSQL, HTML, file systems and parsers choke on, alone or inside ordinary text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...FIXED_STRINGS), weight: 6 },
  {
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...FIXED_STRINGS), fc.string())
      .map(([a, b, c]) => `${a}${b}${c}`),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.constantFrom(...HUGE_STRINGS), weight: 1 },
);

/** Values of the wrong type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(2 ** 64, -(2 ** 63), Number.MAX_SAFE_INTEGER + 2, -0, 1e-320),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
  fc.constantFrom(nested(40), nested(1_000), { constructor: { prototype: { admin: true } } }),
);

/** A value for one field: mostly hostile strings, sometimes the wrong type. */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 3 },
  { arbitrary: wrongType, weight: 2 },
);

const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** A whole body that is itself the attack: huge, deeply nested, malformed or of the wrong type. */
export const wholeBody: fc.Arbitrary<unknown> = fc.oneof(
  wrongType,
  hostileString,
  fc.constantFrom<RawBody>(
    { raw: deepJson(100_000) },
    { raw: '{"a":' },
    { raw: '{"a":1,"a":2}' },
    { raw: '\u0000' },
    { raw: '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}' },
    { raw: `[${'{},'.repeat(300_000)}{}]` },
    { raw: `{"a":"${'b'.repeat(2_000_000)}"}` },
    { raw: `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(',')}}` },
  ),
);

export const isRaw = (value: unknown): value is RawBody =>
  typeof value === 'object' && value !== null && typeof (value as RawBody).raw === 'string';

/**
 * Percent-encodes a string as a hostile client would: a lone surrogate becomes its WTF-8 bytes
 * (encodeURIComponent refuses it), everything else UTF-8.
 */
export function encodeHostile(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`;
    } else {
      out += encodeURIComponent(value[i] ?? '');
    }
  }
  return out;
}
