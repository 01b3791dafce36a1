import { checkIssueRules } from './credential-rules.js';

describe(checkIssueRules.name, () => {
  const base = { registerNumber: 'DL10000002', kind: 'degree' as const, awardedOn: '2020-07-01' };

  it('should accept a plain degree', () => {
    expect(checkIssueRules(base, '2026-01-01')).toEqual([]);
  });

  it('should refuse both or neither holder forms', () => {
    expect(
      checkIssueRules({ ...base, registration: { body: 'GMC' } }, '2026-01-01')[0]?.field,
    ).toBe('registerNumber');
    expect(checkIssueRules({ ...base, registerNumber: undefined }, '2026-01-01')[0]?.field).toBe(
      'registerNumber',
    );
  });

  it('should refuse a future award and a validity ending before the award', () => {
    const errors = checkIssueRules(
      { ...base, awardedOn: '2030-01-01', validUntil: '2029-01-01' },
      '2026-01-01',
    );
    expect(errors.map((e) => e.field)).toEqual(['awardedOn', 'validUntil']);
  });

  it('should refuse an award before 1950', () => {
    expect(checkIssueRules({ ...base, awardedOn: '1900-01-01' }, '2026-01-01')[0]?.field).toBe(
      'awardedOn',
    );
  });

  it('should need hours for CPD and refuse them elsewhere', () => {
    expect(checkIssueRules({ ...base, kind: 'cpd' }, '2026-01-01')[0]?.field).toBe('cpdHours');
    expect(checkIssueRules({ ...base, kind: 'cpd', cpdHours: 4 }, '2026-01-01')).toEqual([]);
    expect(checkIssueRules({ ...base, cpdHours: 4 }, '2026-01-01')[0]?.field).toBe('cpdHours');
  });
});
