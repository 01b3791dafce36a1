import { mailRetryDelaySeconds } from './mail-retry.js';

describe('mailRetryDelaySeconds', () => {
  it('should double the wait after each failure', () => {
    expect([1, 2, 3, 4].map((n) => mailRetryDelaySeconds(n, 30))).toEqual([30, 60, 120, 240]);
  });

  it('should never wait more than six hours', () => {
    expect(mailRetryDelaySeconds(30, 30)).toBe(6 * 3600);
  });
});
