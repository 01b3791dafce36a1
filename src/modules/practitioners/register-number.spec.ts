import { dammCheckDigit } from './damm.js';
import {
  formatRegisterNumber,
  generateRegisterNumber,
  looksLikeRegisterNumber,
  normaliseRegisterNumber,
  parseRegisterNumber,
} from './register-number.js';

describe(formatRegisterNumber.name, () => {
  it('should prefix DL and append the Damm check digit of the body', () => {
    expect(formatRegisterNumber('1234567')).toBe('DL12345671');
    expect(formatRegisterNumber('1000000')).toBe('DL10000004');
    expect(formatRegisterNumber('9999999')).toBe('DL99999992');
  });

  it.each(['', '123456', '12345678', '0123456', '12a4567', ' 1234567', 'DL1234567'])(
    'should refuse body %p',
    (body) => {
      expect(() => formatRegisterNumber(body)).toThrow(RangeError);
    },
  );
});

describe(generateRegisterNumber.name, () => {
  it('should use the lowest body for random() = 0', () => {
    expect(generateRegisterNumber(() => 0)).toBe('DL10000004');
  });

  it('should use the highest body for random() just below 1', () => {
    expect(generateRegisterNumber(() => 0.9999999999)).toBe('DL99999992');
  });

  it('should map random() = 0.5 to the middle of the range', () => {
    expect(generateRegisterNumber(() => 0.5)).toBe(`DL5500000${dammCheckDigit('5500000')}`);
  });

  it.each([1, 1.5, -0.2, Number.NaN])(
    'should stay inside the range when random() returns %p',
    (r) => {
      const value = generateRegisterNumber(() => r);
      expect(parseRegisterNumber(value)).toEqual({ ok: true, value });
      const body = Number(value.slice(2, 9));
      expect(body).toBeGreaterThanOrEqual(1_000_000);
      expect(body).toBeLessThanOrEqual(9_999_999);
    },
  );

  it('should produce valid numbers with Math.random by default', () => {
    for (let i = 0; i < 200; i++) {
      const value = generateRegisterNumber();
      expect(value).toMatch(/^DL[1-9][0-9]{7}$/);
      expect(parseRegisterNumber(value).ok).toBe(true);
    }
  });
});

describe(normaliseRegisterNumber.name, () => {
  it.each([
    ['DL12345671', 'DL12345671'],
    ['  dl12345671 ', 'DL12345671'],
    ['dl 1234 5671', 'DL12345671'],
    ['DL-123-456-71', 'DL12345671'],
    ['Dl\t1234\u20135671', 'DL12345671'],
    ['', ''],
    ['abc', 'ABC'],
  ])('should normalise %p to %p', (input, expected) => {
    expect(normaliseRegisterNumber(input)).toBe(expected);
  });
});

describe(looksLikeRegisterNumber.name, () => {
  it.each(['DL12345671', 'dl 1234 5671', 'DL12345670', 'DL00000000'])(
    'should say %p has the shape',
    (input) => {
      expect(looksLikeRegisterNumber(input)).toBe(true);
    },
  );

  it.each(['', 'DL1234567', 'DL123456710', 'XL12345671', '12345671', 'DL1234567A', 'Smith'])(
    'should say %p does not have the shape',
    (input) => {
      expect(looksLikeRegisterNumber(input)).toBe(false);
    },
  );
});

describe(parseRegisterNumber.name, () => {
  it('should accept a valid number and return it normalised', () => {
    expect(parseRegisterNumber(' dl-1234-5671 ')).toEqual({ ok: true, value: 'DL12345671' });
  });

  it.each(['', 'DL', 'DL1234567', 'DL123456712', 'DX12345671', '12345671', 'DL1234567O', 'D L'])(
    'should give reason "format" for %p',
    (input) => {
      expect(parseRegisterNumber(input)).toEqual({ ok: false, reason: 'format' });
    },
  );

  it('should give reason "check-digit" for every wrong check digit', () => {
    for (const d of '023456789') {
      expect(parseRegisterNumber(`DL1234567${d}`)).toEqual({ ok: false, reason: 'check-digit' });
    }
  });

  it('should give reason "check-digit" for a single typo or an adjacent swap in the body', () => {
    expect(parseRegisterNumber('DL12345771')).toEqual({ ok: false, reason: 'check-digit' });
    expect(parseRegisterNumber('DL21345671')).toEqual({ ok: false, reason: 'check-digit' });
    expect(parseRegisterNumber('DL12345617')).toEqual({ ok: false, reason: 'check-digit' });
  });
});
