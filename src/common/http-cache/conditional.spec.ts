import { ifNoneMatchMatches, strongEtag } from './conditional.js';

describe('strongEtag', () => {
  it('should give equal tags for equal bytes and different tags otherwise', () => {
    expect(strongEtag('{"a":1}')).toBe(strongEtag(Buffer.from('{"a":1}')));
    expect(strongEtag('{"a":1}')).not.toBe(strongEtag('{"a":2}'));
    expect(strongEtag('x')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });
});

describe('ifNoneMatchMatches', () => {
  const tag = '"abc"';

  it('should match the same tag, alone or in a list', () => {
    expect(ifNoneMatchMatches('"abc"', tag)).toBe(true);
    expect(ifNoneMatchMatches('"x", "abc"', tag)).toBe(true);
    expect(ifNoneMatchMatches('"x","abc" ,"y"', tag)).toBe(true);
  });

  it('should compare weakly, ignoring W/ on either side', () => {
    expect(ifNoneMatchMatches('W/"abc"', tag)).toBe(true);
    expect(ifNoneMatchMatches('"abc"', 'W/"abc"')).toBe(true);
  });

  it('should match * whatever the tag', () => {
    expect(ifNoneMatchMatches('*', tag)).toBe(true);
    expect(ifNoneMatchMatches(' * ', tag)).toBe(true);
  });

  it('should not match other tags, a missing header or a malformed one', () => {
    expect(ifNoneMatchMatches('"abcd"', tag)).toBe(false);
    expect(ifNoneMatchMatches('"ab"', tag)).toBe(false);
    expect(ifNoneMatchMatches(undefined, tag)).toBe(false);
    expect(ifNoneMatchMatches('abc', tag)).toBe(false);
    expect(ifNoneMatchMatches('"x", abc', tag)).toBe(false);
    expect(ifNoneMatchMatches('w/"abc"', tag)).toBe(false);
    expect(ifNoneMatchMatches('"abc', tag)).toBe(false);
  });

  it('should allow empty list members and commas inside a tag', () => {
    expect(ifNoneMatchMatches(', "x",, "abc"', tag)).toBe(true);
    expect(ifNoneMatchMatches('"a,b"', '"a,b"')).toBe(true);
    expect(ifNoneMatchMatches('"a,b"', '"a"')).toBe(false);
  });
});
