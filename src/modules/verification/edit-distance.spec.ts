import { editDistance, isTypoOf } from './edit-distance.js';

describe(editDistance.name, () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['manchester', 'manchster', 1],
    ['edinburgh', 'edinbrugh', 1],
    ['abc', 'abc', 0],
  ])('should measure %s → %s as %i edits', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });
});

describe(isTypoOf.name, () => {
  it('should accept one slip in a mid-length word and two in a long one', () => {
    expect(isTypoOf('leicester', 'leicster')).toBe(true);
    expect(isTypoOf('informatics', 'infromatcs')).toBe(true);
  });

  it('should never treat short distinct words as typos of each other', () => {
    expect(isTypoOf('york', 'cork')).toBe(false);
    expect(isTypoOf('essex', 'sussex')).toBe(false);
    expect(isTypoOf('bath', 'bath')).toBe(true);
  });
});
