import { isOutage } from './outage.js';

describe(isOutage.name, () => {
  it('should see connection failures of PostgreSQL and Redis, also wrapped', () => {
    expect(
      isOutage(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isOutage({ message: 'x', driverError: { code: '57P01' } })).toBe(true);
    expect(isOutage(new Error('wrapped', { cause: new Error('Connection is closed.') }))).toBe(
      true,
    );
  });

  it('should not take statement errors or bugs for outages', () => {
    expect(isOutage(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isOutage(new TypeError('x is undefined'))).toBe(false);
    expect(isOutage(undefined)).toBe(false);
  });
});
