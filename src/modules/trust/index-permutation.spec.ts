import { randomBytes } from 'node:crypto';
import { IndexPermutation } from './index-permutation.js';

describe(IndexPermutation.name, () => {
  it('should map every position of a 131072-entry list to a distinct index in range', () => {
    const p = new IndexPermutation(randomBytes(32), 131_072);
    const seen = new Uint8Array(131_072);
    let outOfRange = 0;
    for (let i = 0; i < 131_072; i += 1) {
      const index = p.permute(i);
      if (index < 0 || index >= 131_072) outOfRange += 1;
      else seen[index] += 1;
    }
    expect(outOfRange).toBe(0);
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('should stay a bijection on a size that is not a power of two', () => {
    const p = new IndexPermutation(randomBytes(32), 1000);
    const out = new Set(Array.from({ length: 1000 }, (_, i) => p.permute(i)));
    expect(out.size).toBe(1000);
    expect(Math.max(...out)).toBe(999);
  });

  it('should give unrelated sequences under different keys', () => {
    const a = new IndexPermutation(randomBytes(32), 131_072);
    const b = new IndexPermutation(randomBytes(32), 131_072);
    const same = Array.from({ length: 100 }, (_, i) => a.permute(i) === b.permute(i));
    expect(same.filter(Boolean).length).toBeLessThan(3);
  });

  it('should not hand out consecutive positions as neighbouring indexes', () => {
    const p = new IndexPermutation(randomBytes(32), 131_072);
    const gaps = Array.from({ length: 200 }, (_, i) => Math.abs(p.permute(i + 1) - p.permute(i)));
    expect(gaps.filter((g) => g < 16).length).toBeLessThan(5);
  });

  it('should refuse a position outside the list', () => {
    const p = new IndexPermutation(randomBytes(32), 131_072);
    expect(() => p.permute(131_072)).toThrow(RangeError);
    expect(() => p.permute(-1)).toThrow(RangeError);
  });
});
