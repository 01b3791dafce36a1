import { canonicalResult, compareResults } from './academic-result.js';

describe(canonicalResult.name, () => {
  it.each([
    ['2:1', 'upper-second'],
    ['2.1', 'upper-second'],
    ['2-1', 'upper-second'],
    ['II.i', 'upper-second'],
    ['II(i)', 'upper-second'],
    ['upper second', 'upper-second'],
    ['Upper Second Class Honours', 'upper-second'],
    ['Second Class Honours (Upper Division)', 'upper-second'],
    ['2:1 (Hons)', 'upper-second'],
    ['2:2', 'lower-second'],
    ['II.ii', 'lower-second'],
    ['Lower Second', 'lower-second'],
    ['first', 'first'],
    ['1st', 'first'],
    ['First Class Honours', 'first'],
    ['1st Class', 'first'],
    ['third', 'third'],
    ['III', 'third'],
    ['3rd class honours', 'third'],
    ['Distinction', 'distinction'],
    ['with Merit', 'merit'],
    ['Pass with Merit', 'merit'],
    ['Pass', 'pass'],
  ])('should read %s as %s', (input, expected) => {
    expect(canonicalResult(input)).toBe(expected);
  });

  it('should leave a result that is not a class as free text', () => {
    expect(canonicalResult('Grade A')).toBeNull();
  });
});

describe(compareResults.name, () => {
  it('should say exact for identical text and equivalent for another spelling of the class', () => {
    expect(compareResults('2:1', '2:1')).toBe('exact');
    expect(compareResults('2.1', 'Upper Second Class Honours')).toBe('equivalent');
    expect(compareResults('First', 'First Class Honours')).toBe('equivalent');
  });

  it('should call a higher class than awarded a mismatch', () => {
    expect(compareResults('2:1', '2:2')).toBe('mismatch');
    expect(compareResults('upper second', 'Lower Second Class Honours')).toBe('mismatch');
    expect(compareResults('Distinction', 'Merit')).toBe('mismatch');
    expect(compareResults('First', 'Third')).toBe('mismatch');
  });

  it('should compare free-text results after folding', () => {
    expect(compareResults('grade a', 'Grade A')).toBe('equivalent');
    expect(compareResults('Grade B', 'Grade A')).toBe('mismatch');
  });
});
