import {
  HCPC_PROFESSION_PREFIXES,
  REGISTRATION_BODIES,
  detectRegistration,
  isRegistrationBody,
  normaliseRegistrationNumber,
  validateRegistrationNumber,
} from './professional-registration.js';

describe('REGISTRATION_BODIES', () => {
  it('should list the four bodies', () => {
    expect(REGISTRATION_BODIES).toEqual(['GMC', 'NMC', 'HCPC', 'GPhC']);
  });
});

describe(isRegistrationBody.name, () => {
  it('should accept the exact body names only', () => {
    expect(REGISTRATION_BODIES.every(isRegistrationBody)).toBe(true);
    expect(isRegistrationBody('GPHC')).toBe(false);
    expect(isRegistrationBody('gmc')).toBe(false);
    expect(isRegistrationBody(7)).toBe(false);
    expect(isRegistrationBody(undefined)).toBe(false);
  });
});

describe(normaliseRegistrationNumber.name, () => {
  it('should trim, uppercase and remove whitespace', () => {
    expect(normaliseRegistrationNumber('  01a 2345n\t')).toBe('01A2345N');
    expect(normaliseRegistrationNumber('ph 123 456')).toBe('PH123456');
  });
});

describe(validateRegistrationNumber.name, () => {
  describe('GMC', () => {
    it.each([
      ['1234567', '1234567'],
      [' 7654321 ', '7654321'],
      ['123 4567', '1234567'],
      ['0000001', '0000001'],
    ])('should accept %p as %p', (input, value) => {
      expect(validateRegistrationNumber('GMC', input)).toEqual({ ok: true, value });
    });

    it.each(['', '123456', '12345678', '123456A', 'GMC1234567', '1234-567'])(
      'should reject %p naming the format',
      (input) => {
        const result = validateRegistrationNumber('GMC', input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/GMC.*7 digits/);
      },
    );
  });

  describe('NMC', () => {
    it.each([
      ['01A2345N', '01A2345N'],
      ['01a2345n', '01A2345N'],
      [' 99 Z 0000 A ', '99Z0000A'],
    ])('should accept %p as %p', (input, value) => {
      expect(validateRegistrationNumber('NMC', input)).toEqual({ ok: true, value });
    });

    it.each([
      '',
      '01A2345',
      '1A2345N',
      '01AB345N',
      '01A23456N',
      '0112345N',
      '01A2345NN',
      'A1A2345N',
    ])('should reject %p naming the format', (input) => {
      const result = validateRegistrationNumber('NMC', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/NMC PIN is 2 digits, a letter.*01A2345N/);
    });
  });

  describe('HCPC', () => {
    it.each(HCPC_PROFESSION_PREFIXES.map((p) => [p]))(
      'should accept prefix %p with 1 and 6 digits',
      (prefix) => {
        expect(validateRegistrationNumber('HCPC', `${prefix}1`)).toEqual({
          ok: true,
          value: `${prefix}1`,
        });
        expect(validateRegistrationNumber('HCPC', `${prefix.toLowerCase()} 123456`)).toEqual({
          ok: true,
          value: `${prefix}123456`,
        });
      },
    );

    it.each([
      '',
      'PH',
      'PH1234567',
      'XX123456',
      '123456',
      'P123456',
      'PHA12345',
      'ODPX12',
      'HA123',
    ])('should reject %p naming the format', (input) => {
      const result = validateRegistrationNumber('HCPC', input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(/HCPC number is a profession prefix/);
        expect(result.message).toContain('PH123456');
      }
    });
  });

  describe('GPhC', () => {
    it.each([
      ['2012345', '2012345'],
      ['2 999 999', '2999999'],
    ])('should accept %p as %p', (input, value) => {
      expect(validateRegistrationNumber('GPhC', input)).toEqual({ ok: true, value });
    });

    it.each(['', '1234567', '201234', '20123456', '201234A', '3012345'])(
      'should reject %p naming the format',
      (input) => {
        const result = validateRegistrationNumber('GPhC', input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/GPhC number is 7 digits starting with 2/);
      },
    );
  });
});

describe(detectRegistration.name, () => {
  it.each([
    ['1234567', [{ body: 'GMC', number: '1234567' }]],
    [
      '2123456',
      [
        { body: 'GMC', number: '2123456' },
        { body: 'GPhC', number: '2123456' },
      ],
    ],
    [' 01a 2345n ', [{ body: 'NMC', number: '01A2345N' }]],
    ['ph123456', [{ body: 'HCPC', number: 'PH123456' }]],
    ['GMC 2123456', [{ body: 'GMC', number: '2123456' }]],
    ['gphc:2123456', [{ body: 'GPhC', number: '2123456' }]],
    ['NMC-01A2345N', [{ body: 'NMC', number: '01A2345N' }]],
    ['HCPC PH123456', [{ body: 'HCPC', number: 'PH123456' }]],
  ])('should detect %p', (input, expected) => {
    expect(detectRegistration(input)).toEqual(expected);
  });

  it.each(['', 'Jane Smith', 'DL12345671', '12345', 'GMC 01A2345N', 'NMC', 'GPhC 1234567'])(
    'should detect nothing in %p',
    (input) => {
      expect(detectRegistration(input)).toEqual([]);
    },
  );
});
