import { dammCheckDigit, isDammValid } from './damm.js';

const SAMPLE_BODIES = [
  '572',
  '1234567',
  '1000000',
  '9999999',
  '5550123',
  '8675309',
  '3141592',
  '2718281',
  '0000000',
  '1111111',
  '9081726354',
];

function withCheck(body: string): string {
  return `${body}${dammCheckDigit(body)}`;
}

describe(dammCheckDigit.name, () => {
  it('should compute the published example check digit (572 -> 4)', () => {
    expect(dammCheckDigit('572')).toBe(4);
  });

  it('should compute known check digits for 7-digit bodies', () => {
    expect(dammCheckDigit('1234567')).toBe(1);
    expect(dammCheckDigit('1000000')).toBe(4);
    expect(dammCheckDigit('9999999')).toBe(2);
    for (const body of SAMPLE_BODIES) {
      const check = dammCheckDigit(body);
      expect(check).toBeGreaterThanOrEqual(0);
      expect(check).toBeLessThanOrEqual(9);
      expect(isDammValid(`${body}${check}`)).toBe(true);
    }
  });

  it('should give 0 for a body of zeros', () => {
    expect(dammCheckDigit('0')).toBe(0);
    expect(dammCheckDigit('0000000')).toBe(0);
  });

  it.each(['', 'abc', '12a4', ' 123', '12-34', '１２３'])(
    'should reject non-digit input %p',
    (input) => {
      expect(() => dammCheckDigit(input)).toThrow(RangeError);
    },
  );
});

describe(isDammValid.name, () => {
  it('should accept the published example 5724', () => {
    expect(isDammValid('5724')).toBe(true);
  });

  it.each(['', 'x', '572a', '57 24', '-5724'])('should reject non-digit input %p', (input) => {
    expect(isDammValid(input)).toBe(false);
  });

  it('should accept exactly one check digit for each sample body', () => {
    for (const body of SAMPLE_BODIES) {
      const valid = [...'0123456789'].filter((d) => isDammValid(`${body}${d}`));
      expect(valid).toEqual([String(dammCheckDigit(body))]);
    }
  });

  it('should catch every single-digit substitution at every position', () => {
    let checked = 0;
    for (const body of SAMPLE_BODIES) {
      const full = withCheck(body);
      for (let pos = 0; pos < full.length; pos++) {
        for (const digit of '0123456789') {
          if (digit === full[pos]) continue;
          const mutated = full.slice(0, pos) + digit + full.slice(pos + 1);
          expect(isDammValid(mutated)).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBe(SAMPLE_BODIES.reduce((n, b) => n + (b.length + 1) * 9, 0));
  });

  it('should catch every adjacent transposition of unequal digits at every position', () => {
    let checked = 0;
    for (const body of SAMPLE_BODIES) {
      const full = withCheck(body);
      for (let pos = 0; pos < full.length - 1; pos++) {
        if (full[pos] === full[pos + 1]) continue;
        const swapped = full.slice(0, pos) + full[pos + 1] + full[pos] + full.slice(pos + 2);
        expect(isDammValid(swapped)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe(50);
  });

  it('should catch every substitution and adjacent swap for every 3-digit body', () => {
    // Exhaustive over a whole small space, not only the samples above.
    for (let n = 0; n < 1000; n++) {
      const full = withCheck(String(n).padStart(3, '0'));
      expect(isDammValid(full)).toBe(true);
      for (let pos = 0; pos < full.length; pos++) {
        for (const digit of '0123456789') {
          if (digit !== full[pos]) {
            expect(isDammValid(full.slice(0, pos) + digit + full.slice(pos + 1))).toBe(false);
          }
        }
        if (pos < full.length - 1 && full[pos] !== full[pos + 1]) {
          const swapped = full.slice(0, pos) + full[pos + 1] + full[pos] + full.slice(pos + 2);
          expect(isDammValid(swapped)).toBe(false);
        }
      }
    }
  });
});
