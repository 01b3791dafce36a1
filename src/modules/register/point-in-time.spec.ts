import { credentialAsOf, parseAt, registerStatusAsOf } from './point-in-time.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const at = (date: string) => {
  const parsed = parseAt(date, NOW);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.asOf;
};

describe(parseAt.name, () => {
  it('should answer for now when no date is given or the date is today', () => {
    expect(parseAt(undefined, NOW)).toEqual({
      ok: true,
      asOf: { date: '2026-06-15', instant: NOW, today: true },
    });
    expect(parseAt('2026-06-15', NOW)).toMatchObject({ ok: true, asOf: { today: true } });
  });

  it('should answer for the end of a past day', () => {
    expect(at('2025-01-31').instant.toISOString()).toBe('2025-01-31T23:59:59.999Z');
  });

  it.each(['2026-06-16', '2030-01-01'])('should refuse the future date %s', (date) => {
    expect(parseAt(date, NOW)).toEqual({ ok: false, message: 'must not be in the future' });
  });

  it.each(['2025-02-30', '2025-1-1', 'yesterday', '2025-01-01T00:00:00Z'])(
    'should refuse %p',
    (date) => {
      expect(parseAt(date, NOW)).toEqual({
        ok: false,
        message: 'must be a calendar date as YYYY-MM-DD',
      });
    },
  );
});

describe(credentialAsOf.name, () => {
  const credential = {
    status: 'revoked' as const,
    validUntil: '2030-01-01',
    createdAt: new Date('2024-01-10T09:00:00Z'),
  };
  const changes = [
    {
      toStatus: 'active' as const,
      validUntil: '2027-01-01',
      changedAt: new Date('2024-01-10T09:00:00Z'),
    },
    {
      toStatus: 'suspended' as const,
      validUntil: null,
      changedAt: new Date('2025-03-01T09:00:00Z'),
    },
    { toStatus: 'active' as const, validUntil: null, changedAt: new Date('2025-04-01T09:00:00Z') },
    { toStatus: 'revoked' as const, validUntil: null, changedAt: new Date('2026-01-01T09:00:00Z') },
  ];

  it('should not show a credential created after the date', () => {
    expect(credentialAsOf(credential, changes, at('2024-01-09'))).toBeNull();
  });

  it('should give the status each change left', () => {
    expect(credentialAsOf(credential, changes, at('2024-06-01'))?.status).toBe('active');
    expect(credentialAsOf(credential, changes, at('2025-03-15'))?.status).toBe('suspended');
    expect(credentialAsOf(credential, changes, at('2025-05-01'))?.status).toBe('active');
    expect(credentialAsOf(credential, changes, at('2026-02-01'))?.status).toBe('revoked');
  });

  it('should read an active credential past its valid-until as expired on that date', () => {
    const short = [
      { toStatus: 'active' as const, validUntil: '2024-12-31', changedAt: credential.createdAt },
    ];
    expect(credentialAsOf({ ...credential, status: 'active' }, short, at('2025-01-15'))).toEqual({
      status: 'expired',
      validUntil: '2024-12-31',
    });
  });
});

describe(registerStatusAsOf.name, () => {
  const changes = [
    {
      toStatus: 'registered' as const,
      conditions: null,
      changedAt: new Date('2024-01-01T10:00:00Z'),
    },
    {
      toStatus: 'suspended' as const,
      conditions: null,
      changedAt: new Date('2025-01-01T10:00:00Z'),
    },
  ];

  it('should give null before entry, then each status in turn', () => {
    expect(registerStatusAsOf(changes, at('2023-12-31'))).toBeNull();
    expect(registerStatusAsOf(changes, at('2024-06-01'))?.toStatus).toBe('registered');
    expect(registerStatusAsOf(changes, at('2025-06-01'))?.toStatus).toBe('suspended');
  });
});
