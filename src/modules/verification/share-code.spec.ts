import {
  formatShareCode,
  generateShareCode,
  normaliseShareCode,
  SHARE_CODE_ALPHABET,
} from './share-code.js';

describe(generateShareCode.name, () => {
  it('should produce XXX-XXX-XXX from the alphabet', () => {
    for (let i = 0; i < 200; i++) {
      expect(generateShareCode()).toMatch(
        /^[ACDEFGHJKMNPQRTUVWXY34679]{3}(-[ACDEFGHJKMNPQRTUVWXY34679]{3}){2}$/,
      );
    }
  });

  it('should leave out look-alike characters', () => {
    expect(SHARE_CODE_ALPHABET).toHaveLength(25);
    for (const c of '0O1IL5S2Z8B') expect(SHARE_CODE_ALPHABET).not.toContain(c);
  });

  it('should discard bytes that would bias the draw', () => {
    // 250–255 are rejected; 0, 25, 50… all map to the first symbol, 24 to the last.
    const bytes = [255, 250, 0, 25, 24, 251, 1, 2, 3, 4, 5, 6];
    const source = (size: number) => Uint8Array.from(bytes.splice(0, size));
    const a = SHARE_CODE_ALPHABET;
    expect(generateShareCode(source)).toBe(
      `${a[0]}${a[0]}${a[24]}-${a[1]}${a[2]}${a[3]}-${a[4]}${a[5]}${a[6]}`,
    );
  });

  it('should keep drawing when a whole batch is rejected', () => {
    let calls = 0;
    const source = (size: number) => {
      calls++;
      return new Uint8Array(size).fill(calls === 1 ? 255 : 3);
    };
    expect(generateShareCode(source)).toBe('EEE-EEE-EEE');
    expect(calls).toBe(2);
  });

  it('should draw every symbol about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      for (const c of generateShareCode().replace(/-/g, ''))
        counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(25);
    // 27,000 draws: 1,080 expected per symbol; ±25% is far outside chance.
    for (const n of counts.values()) expect(Math.abs(n - 1080)).toBeLessThan(270);
  });
});

describe(normaliseShareCode.name, () => {
  it('should accept lower case, spaces and hyphens', () => {
    expect(normaliseShareCode('acd-efg-hjk')).toBe('ACDEFGHJK');
    expect(normaliseShareCode(' ACD EFG HJK ')).toBe('ACDEFGHJK');
    expect(normaliseShareCode('ACD–EFG–HJK')).toBe('ACDEFGHJK');
  });

  it('should reject look-alikes rather than guess what was meant', () => {
    expect(normaliseShareCode('ACD-EFG-HJ0')).toBeNull();
    expect(normaliseShareCode('ACD-EFG-HJO')).toBeNull();
    expect(normaliseShareCode('ACD-EFG-HJ1')).toBeNull();
  });

  it('should reject wrong lengths and non-strings', () => {
    expect(normaliseShareCode('ACD-EFG-HJ')).toBeNull();
    expect(normaliseShareCode('ACD-EFG-HJKA')).toBeNull();
    expect(normaliseShareCode('')).toBeNull();
    expect(normaliseShareCode(123)).toBeNull();
    expect(normaliseShareCode('ACD.EFG.HJK')).toBeNull();
  });
});

describe(formatShareCode.name, () => {
  it('should group in threes', () => {
    expect(formatShareCode('acdefghjk')).toBe('ACD-EFG-HJK');
  });

  it('should throw for something that is not a code', () => {
    expect(() => formatShareCode('nope')).toThrow(RangeError);
  });
});
