import { generateReceiptReference, normaliseReceiptReference } from './receipt-reference.js';

describe(generateReceiptReference.name, () => {
  it('should make distinct references of the documented shape', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const reference = generateReceiptReference();
      expect(reference).toMatch(
        /^VR-[ACDEFGHJKMNPQRTUVWXY34679]{4}(-[ACDEFGHJKMNPQRTUVWXY34679]{4}){2}$/,
      );
      seen.add(reference);
    }
    expect(seen.size).toBe(500);
  });
});

describe(normaliseReceiptReference.name, () => {
  it('should accept what people type and refuse look-alike characters', () => {
    expect(normaliseReceiptReference(' vr acde fghj kmnp ')).toBe('VR-ACDE-FGHJ-KMNP');
    expect(normaliseReceiptReference('VR-ACDE-FGHJ-KMN0')).toBeNull();
    expect(normaliseReceiptReference('VR-ACDE-FGHJ')).toBeNull();
  });
});
