import { assurance, type AssuranceFacts } from './assurance-text.js';

describe(assurance.name, () => {
  const facts: AssuranceFacts = {
    holderName: 'Priya Shah',
    registerNumber: 'DL12345671',
    awardingBody: 'NHS Leadership Academy',
    provenance: 'issued',
    status: 'active',
    validUntil: null,
    verified: true,
  };

  it('should say who issued it to whom and that it is in force', () => {
    const { proves, doesNotProve } = assurance(facts);
    expect(proves[0]).toContain(
      'NHS Leadership Academy, a certifying body the registry recognises',
    );
    expect(proves[0]).toContain('Priya Shah (register number DL12345671)');
    expect(proves[1]).toContain('does not expire');
    expect(doesNotProve[0]).toContain('the person showing you this page is Priya Shah');
  });

  it('should prove nothing but its status when it is revoked', () => {
    const { proves } = assurance({ ...facts, status: 'revoked' });
    expect(proves).toEqual(['That this credential is revoked: do not rely on it.']);
  });

  it('should prove nothing when the live check failed', () => {
    expect(assurance({ ...facts, verified: false }).proves[0]).toMatch(/^Nothing/);
  });

  it('should say a document check is not the body’s confirmation', () => {
    const { doesNotProve } = assurance({ ...facts, provenance: 'document-checked' });
    expect(doesNotProve.at(-1)).toContain('the body was not asked');
  });
});
