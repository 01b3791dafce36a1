import { lockSeconds } from './login-throttle.js';

describe(lockSeconds.name, () => {
  it('should lock for nothing, then 1, 2, 4 … seconds, up to the cap', () => {
    expect([3, 4, 5, 6, 7, 8].map((n) => lockSeconds(n, 5, 900))).toEqual([0, 0, 1, 2, 4, 8]);
    expect(lockSeconds(40, 5, 900)).toBe(900);
    expect(lockSeconds(10_000, 5, 900)).toBe(900);
  });
});
