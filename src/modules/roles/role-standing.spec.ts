import {
  type CredentialRequirement,
  type RegisterStatus,
  type StandingCredential,
  type StandingInput,
  type StandingRegistration,
  type StandingResult,
  computeStanding,
} from './role-standing.js';

const ON = '2025-06-15';

let seq = 0;
function cred(overrides: Partial<StandingCredential> = {}): StandingCredential {
  seq += 1;
  return {
    id: `c${seq}`,
    kind: 'degree',
    level: 7,
    status: 'active',
    awardedOn: '2010-07-01',
    validUntil: null,
    cpdHours: null,
    ...overrides,
  };
}

function cpd(hours: number | null, awardedOn: string, overrides: Partial<StandingCredential> = {}) {
  return cred({ kind: 'cpd', level: null, cpdHours: hours, awardedOn, ...overrides });
}

const REG: StandingRegistration = { body: 'NMC', number: '01A2345N', current: true };

interface Setup {
  requirements?: CredentialRequirement[];
  clinical?: boolean;
  professionalRegistration?: boolean;
  cpdHoursPerYear?: number;
  graceDays?: number;
  credentials?: StandingCredential[];
  registrations?: StandingRegistration[];
  registerStatus?: RegisterStatus;
  appointedOn?: string | null;
  on?: string;
}

function input(s: Setup = {}): StandingInput {
  return {
    on: s.on ?? ON,
    registerStatus: s.registerStatus ?? 'registered',
    role: {
      code: 'CNIO',
      clinical: s.clinical ?? false,
      requirements: {
        credentials: s.requirements ?? [{ kind: 'degree', minLevel: 7 }],
        professionalRegistration: s.professionalRegistration ?? false,
        cpdHoursPerYear: s.cpdHoursPerYear ?? 0,
        graceDays: s.graceDays ?? 90,
      },
    },
    credentials: s.credentials ?? [],
    registrations: s.registrations ?? [],
    appointedOn: s.appointedOn ?? null,
  };
}

function codes(result: StandingResult): string[] {
  return result.reasons.map((r) => r.code);
}

/** A clinical role with a degree, a registration and 30 CPD hours, all of them met. */
function fullyMet(overrides: Setup = {}): Setup {
  return {
    clinical: true,
    professionalRegistration: true,
    cpdHoursPerYear: 30,
    credentials: [cred(), cpd(30, '2025-01-10')],
    registrations: [REG],
    ...overrides,
  };
}

describe(computeStanding.name, () => {
  describe('certified', () => {
    it('should certify a role with no requirements, with no reasons', () => {
      expect(computeStanding(input({ requirements: [] }))).toEqual({
        standing: 'certified',
        reasons: [],
        requirementsMet: 0,
        requirementsTotal: 0,
      });
    });

    it('should certify when degree, registration and CPD are all met', () => {
      expect(computeStanding(input(fullyMet()))).toEqual({
        standing: 'certified',
        reasons: [],
        requirementsMet: 3,
        requirementsTotal: 3,
      });
    });

    it('should certify a practitioner registered with conditions', () => {
      const result = computeStanding(
        input(fullyMet({ registerStatus: 'registered-with-conditions' })),
      );
      expect(result.standing).toBe('certified');
      expect(result.reasons).toEqual([]);
    });
  });

  describe('register status', () => {
    it('should be suspended when the register status is suspended, listing unmet requirements too', () => {
      const result = computeStanding(input({ registerStatus: 'suspended' }));
      expect(result.standing).toBe('suspended');
      expect(codes(result)).toEqual(['REGISTER_SUSPENDED', 'CREDENTIAL_MISSING']);
      expect(result.reasons[0].message).toBe('The practitioner is suspended from the register');
      expect(result).toMatchObject({ requirementsMet: 0, requirementsTotal: 1 });
    });

    it('should be not-certified when removed, even with every requirement met', () => {
      const result = computeStanding(input(fullyMet({ registerStatus: 'removed' })));
      expect(result).toMatchObject({ standing: 'not-certified', requirementsMet: 3 });
      expect(codes(result)).toEqual(['REGISTER_REMOVED']);
    });

    it('should be lapsed when the register status is lapsed', () => {
      const result = computeStanding(input(fullyMet({ registerStatus: 'lapsed' })));
      expect(result.standing).toBe('lapsed');
      expect(codes(result)).toEqual(['REGISTER_LAPSED']);
    });

    it('should let register suspension outrank a grace period', () => {
      const result = computeStanding(
        input({
          registerStatus: 'suspended',
          requirements: [{ kind: 'degree' }, { kind: 'certificate' }],
          credentials: [cred()],
          appointedOn: ON,
        }),
      );
      expect(result.standing).toBe('suspended');
    });

    it('should refuse an unknown register status from an untyped caller', () => {
      expect(() =>
        computeStanding(input({ registerStatus: 'struck-off' as RegisterStatus })),
      ).toThrow(RangeError);
    });
  });

  describe('credential requirements', () => {
    it('should be met by a higher level than the minimum', () => {
      expect(computeStanding(input({ credentials: [cred({ level: 8 })] })).standing).toBe(
        'certified',
      );
    });

    it('should be met by any level when no minimum is given, including an unknown level', () => {
      const result = computeStanding(
        input({
          requirements: [{ kind: 'certificate' }],
          credentials: [cred({ kind: 'certificate', level: null })],
        }),
      );
      expect(result.standing).toBe('certified');
    });

    it('should not be met by a credential of another kind', () => {
      const result = computeStanding(input({ credentials: [cred({ kind: 'certificate' })] }));
      expect(result.standing).toBe('not-certified');
      expect(result.reasons).toEqual([
        {
          code: 'CREDENTIAL_MISSING',
          message: "Degree at level 7 (master's) or above: no matching credential held",
        },
      ]);
    });

    it('should say the level is too low, naming the highest level held', () => {
      const result = computeStanding(
        input({ credentials: [cred({ level: 5 }), cred({ level: 6 }), cred({ level: null })] }),
      );
      expect(result.reasons).toEqual([
        {
          code: 'CREDENTIAL_LEVEL_TOO_LOW',
          message:
            "Degree at level 7 (master's) or above: the highest held is level 6 (bachelor's)",
        },
      ]);
      expect(result.standing).toBe('not-certified');
    });

    it('should call a degree of unrecorded level missing when a minimum is required', () => {
      const result = computeStanding(input({ credentials: [cred({ level: null })] }));
      expect(codes(result)).toEqual(['CREDENTIAL_MISSING']);
    });

    it('should print plain level numbers outside bachelor/master/doctorate', () => {
      const result = computeStanding(
        input({
          requirements: [{ kind: 'certificate', minLevel: 5 }],
          credentials: [cred({ kind: 'certificate', level: 4 })],
        }),
      );
      expect(result.reasons[0].message).toBe(
        'Professional certificate at level 5 or above: the highest held is level 4',
      );
    });

    it('should use the requirement description in messages, capitalised', () => {
      const result = computeStanding(
        input({
          requirements: [
            { kind: 'degree', minLevel: 8, description: 'doctorate in health informatics' },
          ],
        }),
      );
      expect(result.reasons[0].message).toBe(
        'Doctorate in health informatics: no matching credential held',
      );
    });

    it.each([
      ['registration', 'Professional registration credential'],
      ['cpd', 'CPD record'],
    ] as const)('should name kind %s in messages', (kind, label) => {
      const result = computeStanding(input({ requirements: [{ kind }] }));
      expect(result.reasons[0].message).toBe(`${label}: no matching credential held`);
    });

    it('should ignore credentials awarded after the date', () => {
      const result = computeStanding(input({ credentials: [cred({ awardedOn: '2025-06-16' })] }));
      expect(codes(result)).toEqual(['CREDENTIAL_MISSING']);
    });

    it('should count a credential awarded on the date', () => {
      expect(computeStanding(input({ credentials: [cred({ awardedOn: ON })] })).standing).toBe(
        'certified',
      );
    });

    it('should count a credential valid until the date itself', () => {
      expect(computeStanding(input({ credentials: [cred({ validUntil: ON })] })).standing).toBe(
        'certified',
      );
    });

    it('should be lapsed when the only matching credential is past its validUntil', () => {
      const result = computeStanding(
        input({
          credentials: [cred({ validUntil: '2024-01-31' }), cred({ validUntil: '2025-06-14' })],
        }),
      );
      expect(result.standing).toBe('lapsed');
      expect(result.reasons).toEqual([
        {
          code: 'CREDENTIAL_EXPIRED',
          message:
            "Degree at level 7 (master's) or above: the matching credential expired on 2025-06-14",
        },
      ]);
    });

    it('should be lapsed when the matching credential has status expired without a past date', () => {
      const result = computeStanding(
        input({ credentials: [cred({ status: 'expired', validUntil: null })] }),
      );
      expect(result.standing).toBe('lapsed');
      expect(result.reasons[0].message).toMatch(/the matching credential has expired$/);
    });

    it('should prefer a valid credential over an expired one', () => {
      const result = computeStanding(input({ credentials: [cred({ status: 'expired' }), cred()] }));
      expect(result.standing).toBe('certified');
    });

    it('should be suspended when the otherwise matching credential is suspended', () => {
      const result = computeStanding(input({ credentials: [cred({ status: 'suspended' })] }));
      expect(result.standing).toBe('suspended');
      expect(result.reasons).toEqual([
        {
          code: 'CREDENTIAL_SUSPENDED',
          message: "Degree at level 7 (master's) or above: the matching credential is suspended",
        },
      ]);
    });

    it('should treat a suspended credential that is also past its validUntil as expired', () => {
      const result = computeStanding(
        input({ credentials: [cred({ status: 'suspended', validUntil: '2025-01-01' })] }),
      );
      expect(result.standing).toBe('lapsed');
      expect(codes(result)).toEqual(['CREDENTIAL_EXPIRED']);
    });

    it('should report suspension ahead of expiry when both kinds of matching credential exist', () => {
      const result = computeStanding(
        input({ credentials: [cred({ status: 'expired' }), cred({ status: 'suspended' })] }),
      );
      expect(codes(result)).toEqual(['CREDENTIAL_SUSPENDED']);
    });

    it('should be suspended even when another requirement is simply missing', () => {
      const result = computeStanding(
        input({
          requirements: [{ kind: 'degree' }, { kind: 'certificate' }],
          credentials: [cred({ status: 'suspended' })],
          appointedOn: ON,
        }),
      );
      expect(result.standing).toBe('suspended');
      expect(codes(result)).toEqual(['CREDENTIAL_SUSPENDED', 'CREDENTIAL_MISSING']);
    });

    it('should say a revoked credential was revoked and not treat it as lapsed', () => {
      const result = computeStanding(input({ credentials: [cred({ status: 'revoked' })] }));
      expect(result.standing).toBe('not-certified');
      expect(result.reasons[0]).toEqual({
        code: 'CREDENTIAL_REVOKED',
        message: "Degree at level 7 (master's) or above: the matching credential was revoked",
      });
    });

    it('should report expiry rather than revocation when both exist', () => {
      const result = computeStanding(
        input({ credentials: [cred({ status: 'revoked' }), cred({ validUntil: '2025-01-01' })] }),
      );
      expect(codes(result)).toEqual(['CREDENTIAL_EXPIRED']);
    });

    it('should let one credential satisfy several requirements', () => {
      const result = computeStanding(
        input({
          requirements: [
            { kind: 'degree', minLevel: 6 },
            { kind: 'degree', minLevel: 7 },
          ],
          credentials: [cred()],
        }),
      );
      expect(result).toMatchObject({
        standing: 'certified',
        requirementsMet: 2,
        requirementsTotal: 2,
      });
    });
  });

  describe('professional registration', () => {
    it('should not count for a non-clinical role even if flagged', () => {
      const result = computeStanding(
        input({ clinical: false, professionalRegistration: true, credentials: [cred()] }),
      );
      expect(result).toMatchObject({ standing: 'certified', requirementsTotal: 1 });
    });

    it('should not count for a clinical role that does not require it', () => {
      const result = computeStanding(
        input({ clinical: true, professionalRegistration: false, credentials: [cred()] }),
      );
      expect(result).toMatchObject({ standing: 'certified', requirementsTotal: 1 });
    });

    it('should be met by any current registration', () => {
      const result = computeStanding(
        input(
          fullyMet({
            registrations: [
              { ...REG, current: false },
              { body: 'GMC', number: '1234567', current: true },
            ],
          }),
        ),
      );
      expect(result.standing).toBe('certified');
    });

    it('should say when none is recorded', () => {
      const result = computeStanding(input(fullyMet({ registrations: [] })));
      expect(result.reasons).toEqual([
        {
          code: 'REGISTRATION_MISSING',
          message:
            'A current professional registration (e.g. GMC, NMC, HCPC, GPhC) is required for this clinical role; none is recorded',
        },
      ]);
      expect(result).toMatchObject({
        standing: 'not-certified',
        requirementsMet: 2,
        requirementsTotal: 3,
      });
    });

    it('should name the registrations that are not current, and not call it lapsed', () => {
      const result = computeStanding(
        input(
          fullyMet({
            registrations: [
              { ...REG, current: false },
              { body: 'GMC', number: '7654321', current: false },
            ],
          }),
        ),
      );
      expect(result.reasons).toEqual([
        {
          code: 'REGISTRATION_NOT_CURRENT',
          message:
            'A current professional registration is required for this clinical role; not current: NMC 01A2345N, GMC 7654321',
        },
      ]);
      expect(result.standing).toBe('not-certified');
    });
  });

  describe('CPD', () => {
    const cpdOnly = (credentials: StandingCredential[], hours = 30): StandingResult =>
      computeStanding(input({ requirements: [], cpdHoursPerYear: hours, credentials }));

    it('should not be a requirement when 0 hours are required', () => {
      expect(cpdOnly([], 0)).toMatchObject({ standing: 'certified', requirementsTotal: 0 });
    });

    it('should be met by exactly the required hours', () => {
      expect(cpdOnly([cpd(10, '2025-01-01'), cpd(20, '2025-06-15')]).standing).toBe('certified');
    });

    it('should count a record awarded 364 days before the date but not 365', () => {
      expect(cpdOnly([cpd(30, '2024-06-16')]).standing).toBe('certified');
      const result = cpdOnly([cpd(30, '2024-06-15')]);
      expect(result.standing).toBe('lapsed');
      expect(result.reasons).toEqual([
        { code: 'CPD_SHORT', message: 'CPD: 0 of 30 hours in the last 12 months' },
      ]);
    });

    it('should ignore future, inactive and non-CPD records and treat null hours as 0', () => {
      const result = cpdOnly([
        cpd(12, '2025-03-01'),
        cpd(null, '2025-03-02'),
        cpd(50, '2025-06-16'),
        cpd(50, '2025-03-01', { status: 'revoked' }),
        cpd(50, '2025-03-01', { status: 'suspended' }),
        cpd(50, '2025-03-01', { status: 'expired' }),
        cred({ kind: 'certificate', cpdHours: 50, awardedOn: '2025-03-01' }),
      ]);
      expect(result.reasons).toEqual([
        { code: 'CPD_SHORT', message: 'CPD: 12 of 30 hours in the last 12 months' },
      ]);
    });

    it('should print fractional hours without float noise', () => {
      const result = cpdOnly([cpd(0.1, '2025-03-01'), cpd(0.2, '2025-03-02')], 7.5);
      expect(result.reasons[0].message).toBe('CPD: 0.3 of 7.5 hours in the last 12 months');
    });

    it('should be lapsed when only CPD is short and all else is met', () => {
      const result = computeStanding(
        input(fullyMet({ credentials: [cred(), cpd(12, '2025-01-10')] })),
      );
      expect(result).toMatchObject({
        standing: 'lapsed',
        requirementsMet: 2,
        requirementsTotal: 3,
      });
      expect(codes(result)).toEqual(['CPD_SHORT']);
    });
  });

  describe('lapsed', () => {
    it('should be lapsed when every unmet requirement is an expiry', () => {
      const result = computeStanding(
        input({
          requirements: [{ kind: 'degree' }, { kind: 'certificate' }],
          credentials: [
            cred({ validUntil: '2025-01-01' }),
            cred({ kind: 'certificate', status: 'expired' }),
          ],
        }),
      );
      expect(result).toMatchObject({ standing: 'lapsed', requirementsMet: 0 });
      expect(codes(result)).toEqual(['CREDENTIAL_EXPIRED', 'CREDENTIAL_EXPIRED']);
    });

    it('should be lapsed when a credential expired and CPD is also short', () => {
      const result = computeStanding(
        input(
          fullyMet({ credentials: [cred({ validUntil: '2025-01-01' }), cpd(5, '2025-01-10')] }),
        ),
      );
      expect(result.standing).toBe('lapsed');
      expect(codes(result)).toEqual(['CREDENTIAL_EXPIRED', 'CPD_SHORT']);
    });

    it('should not be lapsed when something is missing as well as expired', () => {
      const result = computeStanding(
        input({
          requirements: [{ kind: 'degree' }, { kind: 'certificate' }],
          credentials: [cred({ validUntil: '2025-01-01' })],
        }),
      );
      expect(result.standing).toBe('not-certified');
    });
  });

  describe('provisional', () => {
    const partlyMet = (appointedOn: string | null, graceDays = 90): StandingResult =>
      computeStanding(
        input({
          requirements: [{ kind: 'degree', minLevel: 7 }, { kind: 'certificate' }],
          credentials: [cred()],
          appointedOn,
          graceDays,
        }),
      );

    it('should be provisional within the grace period, saying when it ends', () => {
      const result = partlyMet('2025-05-01');
      expect(result).toMatchObject({
        standing: 'provisional',
        requirementsMet: 1,
        requirementsTotal: 2,
      });
      expect(result.reasons).toEqual([
        {
          code: 'CREDENTIAL_MISSING',
          message: 'Professional certificate: no matching credential held',
        },
        {
          code: 'GRACE_PERIOD',
          message:
            'Provisional: 1 of 2 requirements met; the grace period after appointment on 2025-05-01 runs until 2025-07-29',
        },
      ]);
    });

    it('should be provisional on the appointment day', () => {
      expect(partlyMet(ON).standing).toBe('provisional');
    });

    it('should be provisional on the last grace day and not the day after', () => {
      expect(partlyMet('2025-03-18').standing).toBe('provisional'); // 89 days elapsed
      expect(partlyMet('2025-03-17').standing).toBe('not-certified'); // 90 days elapsed
    });

    it('should not be provisional for an appointment after the date', () => {
      expect(partlyMet('2025-06-16').standing).toBe('not-certified');
    });

    it('should not be provisional without an appointment', () => {
      const result = partlyMet(null);
      expect(result.standing).toBe('not-certified');
      expect(codes(result)).toEqual(['CREDENTIAL_MISSING']);
    });

    it('should not be provisional when the role has no grace period', () => {
      expect(partlyMet(ON, 0).standing).toBe('not-certified');
    });

    it('should not be provisional when no requirement is met', () => {
      const result = computeStanding(input({ appointedOn: ON }));
      expect(result).toMatchObject({ standing: 'not-certified', requirementsMet: 0 });
    });

    it('should rank lapsed above provisional', () => {
      const result = computeStanding(
        input(fullyMet({ credentials: [cred(), cpd(1, '2025-01-10')], appointedOn: ON })),
      );
      expect(result.standing).toBe('lapsed');
    });
  });

  describe('dates', () => {
    it.each(['2025-6-15', '15/06/2025', '2025-02-30', ''])('should refuse on = %p', (on) => {
      expect(() => computeStanding(input({ on }))).toThrow(RangeError);
    });

    it('should refuse a malformed appointment date when it matters', () => {
      expect(() =>
        computeStanding(
          input({
            requirements: [{ kind: 'degree' }, { kind: 'certificate' }],
            credentials: [cred()],
            appointedOn: 'soon',
          }),
        ),
      ).toThrow(RangeError);
    });
  });
});
