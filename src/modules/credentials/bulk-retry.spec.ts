import { isTransient, retryDelay } from './bulk-retry.js';

describe('isTransient', () => {
  it('should retry a lost connection, a terminated session and a lost race', () => {
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(
      isTransient(Object.assign(new Error('query failed'), { driverError: { code: '40001' } })),
    ).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { code: '40P01' }))).toBe(true);
  });

  it('should not retry a constraint violation, a bug or a bad value', () => {
    expect(isTransient(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isTransient(new TypeError('undefined is not a function'))).toBe(false);
    expect(isTransient(Object.assign(new Error('x'), { code: '22P02' }))).toBe(false);
    expect(isTransient(undefined)).toBe(false);
  });
});

describe('retryDelay', () => {
  it('should back off', () => {
    expect(retryDelay(1)).toBeLessThan(retryDelay(2));
  });
});
