import { LagWindow, parseLsn } from './replica-lag.js';

describe(parseLsn.name, () => {
  it('should order WAL positions across the high word', () => {
    expect(parseLsn('0/3000000')).toBe(0x3000000n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(() => parseLsn('nonsense')).toThrow(/WAL position/);
  });
});

describe(LagWindow.name, () => {
  it('should require what the primary had written max-lag ago, and nothing before that', () => {
    const window = new LagWindow(30_000);
    window.record(0, 100n);
    expect(window.required(10_000)).toBeUndefined();
    window.record(10_000, 200n);
    window.record(20_000, 300n);
    expect(window.required(30_000)).toBe(100n);
    window.record(40_000, 400n);
    expect(window.required(40_000)).toBe(200n);
    expect(window.required(55_000)).toBe(300n);
  });

  it('should keep only the history it needs', () => {
    const window = new LagWindow(1_000);
    for (let t = 0; t <= 100_000; t += 500) window.record(t, BigInt(t));
    expect(window.required(100_000)).toBe(99_000n);
    expect((window as unknown as { samples: unknown[] }).samples.length).toBeLessThanOrEqual(4);
  });
});
