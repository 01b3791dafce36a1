import { findHostileInput, MAX_INPUT_DEPTH, MAX_INPUT_VALUES } from './hostile-strings.js';

describe(findHostileInput.name, () => {
  it('should name the field holding a NUL or a lone surrogate, in values and keys', () => {
    expect(findHostileInput({ claim: { title: 'A\u0000b' } }, '')).toEqual({
      field: 'claim.title',
      problem: 'characters',
    });
    expect(findHostileInput({ email: 'a\uD800@x.test' }, '')?.field).toBe('email');
    expect(findHostileInput({ tags: ['ok', '\uDC00'] }, '')?.field).toBe('tags.1');
    expect(findHostileInput({ ['k\u0000']: 1 }, '')?.field).toBe('k\u0000');
    expect(findHostileInput('\u0000', 'q')?.field).toBe('q');
  });

  it('should accept ordinary text, paired surrogates and non-strings', () => {
    expect(findHostileInput({ name: 'Zoë 😀 O\u2019Brien', n: 1, b: null, l: [true] }, '')).toBe(
      undefined,
    );
  });

  it('should refuse nesting deeper than the limit without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findHostileInput(deep, '')?.problem).toBe('depth');
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = { a: ok };
    expect(findHostileInput(ok, '')).toBe(undefined);
  });

  it('should refuse more values than the limit, however shallow', () => {
    expect(
      findHostileInput(
        Array.from({ length: MAX_INPUT_VALUES }, () => ({})),
        '',
      )?.problem,
    ).toBe('size');
    expect(
      findHostileInput(
        Array.from({ length: MAX_INPUT_VALUES - 2 }, () => 1),
        '',
      ),
    ).toBe(undefined);
  });
});
