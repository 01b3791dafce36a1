import { datesCheck, keyWindowCheck, report, fail, pass } from './verification-checks.js';

const window = {
  kid: 'k1',
  validFrom: new Date('2026-01-01T00:00:00Z'),
  retiredAt: new Date('2026-06-01T00:00:00Z'),
};

describe('verification checks', () => {
  it('should accept a signature made inside the key window', () => {
    expect(keyWindowCheck(new Date('2026-03-01T00:00:00Z'), window).result).toBe('pass');
  });

  it('should refuse a signature made after the key was retired', () => {
    expect(keyWindowCheck(new Date('2026-07-01T00:00:00Z'), window).result).toBe('fail');
  });

  it('should refuse a signature made before the key existed', () => {
    expect(keyWindowCheck(new Date('2025-12-01T00:00:00Z'), window).result).toBe('fail');
  });

  it('should keep a current key open-ended', () => {
    const current = { ...window, retiredAt: null };
    expect(keyWindowCheck(new Date('2030-01-01T00:00:00Z'), current).result).toBe('pass');
  });

  it('should fail an expired credential and one not yet valid', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(datesCheck({ validUntil: '2026-02-01T00:00:00Z' }, now).result).toBe('fail');
    expect(datesCheck({ validFrom: '2026-04-01T00:00:00Z' }, now).result).toBe('fail');
    expect(datesCheck({ validFrom: '2026-01-01T00:00:00Z' }, now).result).toBe('pass');
    expect(datesCheck({ validFrom: 'soon' }, now).result).toBe('fail');
  });

  it('should not call a credential verified when an essential check was skipped', () => {
    const r = report([pass('format', ''), pass('signature', '')]);
    expect(r.verified).toBe(false);
    expect(r.checks.map((c) => c.check)).toEqual([
      'format',
      'signature',
      'issuer',
      'dates',
      'revocation',
      'suspension',
    ]);
  });

  it('should not call a credential verified when any check failed', () => {
    const r = report([
      pass('format', ''),
      pass('signature', ''),
      pass('issuer', ''),
      fail('revocation', ''),
    ]);
    expect(r.verified).toBe(false);
  });
});
