import { traceparentFor } from './traceparent.js';

describe(traceparentFor.name, () => {
  const given = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('should keep a valid caller trace id and flags with a new span id', () => {
    const made = traceparentFor(given);
    expect(made).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(made.split('-')[2]).not.toBe('00f067aa0ba902b7');
  });

  it('should start a new trace for a missing, malformed or all-zero header', () => {
    for (const bad of [
      undefined,
      'garbage',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      ['a', 'b'],
    ]) {
      const made = traceparentFor(bad);
      expect(made).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(made).not.toContain('4bf92f3577b34da6a3ce929d0e0e4736');
    }
  });
});
