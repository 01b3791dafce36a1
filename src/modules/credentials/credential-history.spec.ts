import { groupByCredential, statusAsOf, validUntilAsOf } from './credential-history.js';

const change = (
  toStatus: 'active' | 'revoked' | 'suspended',
  at: string,
  validUntil: string | null = null,
) => ({
  credentialId: 'c1',
  toStatus,
  changedAt: new Date(at),
  validUntil,
});

describe(statusAsOf.name, () => {
  const history = [
    change('active', '2024-01-10T10:00:00Z', '2025-01-10'),
    change('suspended', '2024-06-01T00:00:00Z'),
    change('active', '2024-07-01T00:00:00Z'),
    change('revoked', '2025-03-01T00:00:00Z'),
  ];

  it('should say null before the credential was issued', () => {
    expect(statusAsOf(history, new Date('2024-01-01T00:00:00Z'))).toBeNull();
  });

  it('should follow each change in order', () => {
    expect(statusAsOf(history, new Date('2024-02-01T00:00:00Z'))).toBe('active');
    expect(statusAsOf(history, new Date('2024-06-15T00:00:00Z'))).toBe('suspended');
    expect(statusAsOf(history, new Date('2024-12-31T00:00:00Z'))).toBe('active');
    expect(statusAsOf(history, new Date('2026-01-01T00:00:00Z'))).toBe('revoked');
  });

  it('should take the validity in force, moved by renewals', () => {
    const renewed = [
      change('active', '2024-01-10T10:00:00Z', '2025-01-10'),
      change('active', '2025-01-05T00:00:00Z', '2028-01-10'),
    ];
    expect(validUntilAsOf(renewed, new Date('2024-05-01T00:00:00Z'), '2028-01-10')).toBe(
      '2025-01-10',
    );
    expect(validUntilAsOf(renewed, new Date('2025-02-01T00:00:00Z'), '2028-01-10')).toBe(
      '2028-01-10',
    );
  });
});

describe(groupByCredential.name, () => {
  it('should keep order within each credential', () => {
    const groups = groupByCredential([
      { credentialId: 'a', n: 1 },
      { credentialId: 'b', n: 2 },
      { credentialId: 'a', n: 3 },
    ]);
    expect(groups.get('a')?.map((c) => c.n)).toEqual([1, 3]);
    expect(groups.get('b')?.map((c) => c.n)).toEqual([2]);
  });
});
