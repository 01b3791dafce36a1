import { decodeCursor, encodeCursor } from './search-cursor.js';

describe('search cursor', () => {
  it('should give back what it was given', () => {
    expect(decodeCursor(encodeCursor({ kind: 'offset', offset: 40 }))).toEqual({
      kind: 'offset',
      offset: 40,
    });
    expect(decodeCursor(encodeCursor({ kind: 'after', after: 'DL12345671' }))).toEqual({
      kind: 'after',
      after: 'DL12345671',
    });
  });

  it('should refuse anything it did not make', () => {
    expect(decodeCursor('bm9wZQ')).toBeNull();
    expect(decodeCursor('')).toBeNull();
    expect(decodeCursor(Buffer.from("a:DL1' OR 1=1").toString('base64url'))).toBeNull();
  });
});
