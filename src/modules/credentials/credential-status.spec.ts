import {
  CREDENTIAL_STATUSES,
  type CredentialStatus,
  STATUS_ACTIONS,
  type StatusAction,
  effectiveStatus,
  transition,
} from './credential-status.js';

type Expected = CredentialStatus | { code: string; reason: RegExp };

const TABLE: Record<CredentialStatus, Record<StatusAction, Expected>> = {
  active: {
    suspend: 'suspended',
    reinstate: { code: 'CREDENTIAL.NOT_SUSPENDED', reason: /not suspended; it is already active/ },
    revoke: 'revoked',
    renew: 'active',
  },
  suspended: {
    suspend: { code: 'CREDENTIAL.ALREADY_SUSPENDED', reason: /^credential is already suspended$/ },
    reinstate: 'active',
    revoke: 'revoked',
    renew: { code: 'CREDENTIAL.SUSPENDED', reason: /suspended and cannot be renewed/ },
  },
  revoked: {
    suspend: {
      code: 'CREDENTIAL.REVOKED',
      reason: /^credential is revoked and cannot be suspended$/,
    },
    reinstate: {
      code: 'CREDENTIAL.REVOKED',
      reason: /^credential is revoked and cannot be reinstated$/,
    },
    revoke: { code: 'CREDENTIAL.ALREADY_REVOKED', reason: /^credential is already revoked$/ },
    renew: { code: 'CREDENTIAL.REVOKED', reason: /^credential is revoked and cannot be renewed$/ },
  },
  expired: {
    suspend: { code: 'CREDENTIAL.EXPIRED', reason: /expired and cannot be suspended/ },
    reinstate: { code: 'CREDENTIAL.NOT_SUSPENDED', reason: /not suspended, it has expired/ },
    revoke: 'revoked',
    renew: 'active',
  },
};

const PAIRS = CREDENTIAL_STATUSES.flatMap((current) =>
  STATUS_ACTIONS.map((action) => [current, action, TABLE[current][action]] as const),
);

describe(transition.name, () => {
  it('should cover all 16 status/action pairs', () => {
    expect(PAIRS).toHaveLength(16);
  });

  it.each(PAIRS)('should handle %s + %s', (current, action, expected) => {
    const result = transition(current, action);
    if (typeof expected === 'string') {
      expect(result).toEqual({ ok: true, next: expected });
    } else {
      expect(result).toEqual({ ok: false, code: expected.code, reason: expect.any(String) });
      if (!result.ok) expect(result.reason).toMatch(expected.reason);
    }
  });

  it('should refuse every action on a revoked credential', () => {
    for (const action of STATUS_ACTIONS) {
      expect(transition('revoked', action).ok).toBe(false);
    }
  });

  it('should throw on a value outside the types (untyped callers)', () => {
    expect(() => transition('active', 'delete' as StatusAction)).toThrow('Unexpected value');
    expect(() => transition('pending' as CredentialStatus, 'suspend')).toThrow('Unexpected value');
  });
});

describe(effectiveStatus.name, () => {
  it.each([
    ['active', null, '2025-01-01', 'active'],
    ['active', '2025-01-01', '2025-01-01', 'active'],
    ['active', '2025-01-02', '2025-01-01', 'active'],
    ['active', '2024-12-31', '2025-01-01', 'expired'],
    ['suspended', '2024-12-31', '2025-01-01', 'suspended'],
    ['revoked', '2024-12-31', '2025-01-01', 'revoked'],
    ['expired', null, '2025-01-01', 'expired'],
    ['expired', '2030-01-01', '2025-01-01', 'expired'],
  ] as const)('should read %s valid until %p on %s as %s', (stored, validUntil, on, expected) => {
    expect(effectiveStatus(stored, validUntil, on)).toBe(expected);
  });
});
