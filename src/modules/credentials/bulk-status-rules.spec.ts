import { decideRow } from './bulk-status-rules.js';

describe(decideRow.name, () => {
  it('should change an active credential when revoking or suspending', () => {
    expect(decideRow('active', null, 'revoke', '2026-01-01')).toEqual({
      kind: 'change',
      from: 'active',
      to: 'revoked',
    });
    expect(decideRow('active', null, 'suspend', '2026-01-01')).toMatchObject({ to: 'suspended' });
  });

  it('should leave a credential already in place unchanged rather than refuse it', () => {
    expect(decideRow('revoked', null, 'revoke', '2026-01-01').kind).toBe('unchanged');
    expect(decideRow('suspended', null, 'suspend', '2026-01-01').kind).toBe('unchanged');
    expect(decideRow('active', null, 'reinstate', '2026-01-01').kind).toBe('unchanged');
  });

  it('should refuse what the status rules refuse, reading expiry from the date', () => {
    expect(decideRow('revoked', null, 'reinstate', '2026-01-01')).toMatchObject({
      kind: 'refused',
      code: 'CREDENTIAL.REVOKED',
    });
    expect(decideRow('active', '2025-12-31', 'suspend', '2026-01-01')).toMatchObject({
      kind: 'refused',
      code: 'CREDENTIAL.EXPIRED',
    });
  });
});
