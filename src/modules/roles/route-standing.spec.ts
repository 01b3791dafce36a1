import {
  type CompetenceRequirement,
  type RouteCredential,
  type RouteStandingInput,
  type StandardVersion,
  computeRouteStanding,
  versionInForce,
} from './route-standing.js';

const ON = '2025-06-15';
const STRATEGY: CompetenceRequirement = { competence: 'strategy', level: 'expert' };
const DATA: CompetenceRequirement = { competence: 'data-governance', level: 'practitioner' };
const SAFETY: CompetenceRequirement = { competence: 'data-ethics', level: 'working' };
const NAMES = { strategy: 'Strategic thinking', 'data-governance': 'Data governance' };

function version(overrides: Partial<StandardVersion> = {}): StandardVersion {
  return {
    version: 1,
    effectiveFrom: '2020-01-01',
    competences: [STRATEGY, DATA],
    qualifications: [],
    clinicalRoute: null,
    professionalRegistration: false,
    cpdHoursPerYear: 0,
    graceDays: 90,
    ...overrides,
  };
}

let seq = 0;
function cred(overrides: Partial<RouteCredential> = {}): RouteCredential {
  seq += 1;
  return {
    id: `c${seq}`,
    kind: 'certificate',
    level: 7,
    status: 'active',
    awardedOn: '2021-07-01',
    validUntil: null,
    cpdHours: null,
    provenance: 'issued',
    competences: [STRATEGY, DATA],
    ...overrides,
  };
}

function input(overrides: Partial<RouteStandingInput> = {}): RouteStandingInput {
  return {
    on: ON,
    registerStatus: 'registered',
    clinical: false,
    versions: [version()],
    credentials: [],
    registrations: [],
    appointedOn: null,
    competenceNames: NAMES,
    ...overrides,
  };
}

const REG = { body: 'NMC', number: '01A2345N', current: true };

describe(computeRouteStanding.name, () => {
  describe('qualification route', () => {
    it('should certify when recognised qualifications together cover every competence', () => {
      const r = computeRouteStanding(
        input({
          credentials: [cred({ competences: [STRATEGY] }), cred({ competences: [DATA] })],
        }),
      );
      expect(r).toMatchObject({
        standing: 'certified',
        route: 'qualification',
        standardVersion: 1,
        grandfathered: false,
        reasons: [],
        requirementsMet: 2,
        requirementsTotal: 2,
      });
      expect(r.routes).toEqual([
        { route: 'qualification', met: true, missing: [] },
        expect.objectContaining({ route: 'assessed-portfolio', met: false }),
      ]);
    });

    it('should say which competences are missing, by name or by code, and at what level', () => {
      const r = computeRouteStanding(
        input({
          versions: [version({ competences: [STRATEGY, SAFETY] })],
          credentials: [cred({ competences: [{ competence: 'strategy', level: 'practitioner' }] })],
        }),
      );
      expect(r.standing).toBe('not-certified');
      expect(r.routes[0]?.missing).toEqual([
        'Qualification route: no recognised qualification yet evidences Strategic thinking at expert level, data-ethics at working level',
      ]);
    });

    it('should accept a named qualification whole, without a competence mapping', () => {
      const r = computeRouteStanding(
        input({
          versions: [version({ qualifications: [{ kind: 'degree', minLevel: 7 }] })],
          credentials: [cred({ kind: 'degree', competences: [] })],
        }),
      );
      expect(r).toMatchObject({ standing: 'certified', route: 'qualification' });
    });

    it('should list the named qualifications first when they are nearer, the competences otherwise', () => {
      const quals = version({
        qualifications: [{ kind: 'degree', minLevel: 7 }, { kind: 'certificate' }],
      });
      const nearerQualifications = computeRouteStanding(
        input({ versions: [quals], credentials: [cred({ kind: 'certificate', competences: [] })] }),
      );
      expect(nearerQualifications.reasons.map((x) => x.code)).toEqual([
        'CREDENTIAL_MISSING',
        'COMPETENCES_NOT_EVIDENCED',
        'PORTFOLIO_MISSING',
      ]);
      expect(nearerQualifications.reasons[1]?.message).toContain('or else hold the qualifications');
      const nearerCompetences = computeRouteStanding(
        input({
          versions: [version({ qualifications: [{ kind: 'degree', minLevel: 8 }] })],
          credentials: [cred({ kind: 'certificate', competences: [STRATEGY] })],
        }),
      );
      expect(nearerCompetences.reasons.map((x) => x.code)).toEqual([
        'COMPETENCES_NOT_EVIDENCED',
        'CREDENTIAL_MISSING',
        'PORTFOLIO_MISSING',
      ]);
      expect(nearerCompetences).toMatchObject({ requirementsMet: 1, requirementsTotal: 2 });
    });

    it('should be suspended when a suspended named qualification is what is missing', () => {
      const r = computeRouteStanding(
        input({
          versions: [version({ qualifications: [{ kind: 'degree' }] })],
          credentials: [cred({ kind: 'degree', status: 'suspended', competences: [] })],
        }),
      );
      expect(r.standing).toBe('suspended');
    });

    it('should be lapsed when only expired named qualifications would meet it', () => {
      const r = computeRouteStanding(
        input({
          versions: [version({ qualifications: [{ kind: 'degree' }] })],
          credentials: [cred({ kind: 'degree', validUntil: '2024-01-01', competences: [] })],
        }),
      );
      expect(r.standing).toBe('lapsed');
    });
  });

  describe('credential states', () => {
    it('should be suspended when a suspended credential is all that covers a route', () => {
      const r = computeRouteStanding(input({ credentials: [cred({ status: 'suspended' })] }));
      expect(r.standing).toBe('suspended');
    });

    it('should be lapsed when only an expired credential covers a route', () => {
      const r = computeRouteStanding(input({ credentials: [cred({ validUntil: '2025-01-01' })] }));
      expect(r.standing).toBe('lapsed');
      expect(
        computeRouteStanding(input({ credentials: [cred({ status: 'expired' })] })).standing,
      ).toBe('lapsed');
    });

    it('should not count a revoked credential, nor one awarded after the date', () => {
      expect(
        computeRouteStanding(input({ credentials: [cred({ status: 'revoked' })] })).standing,
      ).toBe('not-certified');
      expect(
        computeRouteStanding(input({ credentials: [cred({ awardedOn: '2025-07-01' })] })).standing,
      ).toBe('not-certified');
    });
  });

  describe('experience route', () => {
    it('should certify on an assessed portfolio covering the standard', () => {
      const r = computeRouteStanding(
        input({ credentials: [cred({ provenance: 'assessed-portfolio' })] }),
      );
      expect(r).toMatchObject({ standing: 'certified', route: 'assessed-portfolio' });
      expect(r.routes[0]).toMatchObject({ route: 'qualification', met: false });
    });

    it('should say when a portfolio is missing, or what a held one does not evidence', () => {
      expect(computeRouteStanding(input()).routes[1]?.missing).toEqual([
        'Experience route: no portfolio assessed by a recognised body is held',
      ]);
      const partial = computeRouteStanding(
        input({
          credentials: [cred({ provenance: 'assessed-portfolio', competences: [STRATEGY] })],
        }),
      );
      expect(partial.routes[1]?.missing).toEqual([
        'Experience route: the assessed portfolio does not evidence Data governance at practitioner level',
      ]);
      // A portfolio does not count for the qualification route.
      expect(partial.routes[0]?.met).toBe(false);
    });
  });

  describe('clinical route', () => {
    const clinical = version({ clinicalRoute: { competences: [DATA] } });

    it('should certify a clinical role on a current registration and a shorter programme', () => {
      const r = computeRouteStanding(
        input({
          clinical: true,
          versions: [clinical],
          registrations: [REG],
          credentials: [cred({ competences: [DATA] })],
        }),
      );
      expect(r).toMatchObject({ standing: 'certified', route: 'clinical-registration' });
    });

    it('should say what is missing: the registration, the programme, or both', () => {
      const neither = computeRouteStanding(input({ clinical: true, versions: [clinical] }));
      expect(neither.routes[2]?.missing).toEqual([
        expect.stringMatching(/^Clinical route: A current professional registration/),
        'Clinical route: no recognised programme yet evidences Data governance at practitioner level',
      ]);
      const noProgramme = computeRouteStanding(
        input({ clinical: true, versions: [clinical], registrations: [REG] }),
      );
      expect(noProgramme.routes[2]?.missing).toHaveLength(1);
      const suspended = computeRouteStanding(
        input({
          clinical: true,
          versions: [clinical],
          registrations: [REG],
          credentials: [cred({ competences: [DATA], status: 'suspended' })],
        }),
      );
      expect(suspended.standing).toBe('suspended');
    });

    it('should ask every route for a current registration when the standard says so', () => {
      const v = version({ professionalRegistration: true });
      const without = computeRouteStanding(
        input({ clinical: true, versions: [v], credentials: [cred()] }),
      );
      expect(without).toMatchObject({ standing: 'not-certified', requirementsTotal: 3 });
      expect(without.routes.map((r) => r.missing.at(-1))).toEqual([
        expect.stringMatching(/^Qualification route: A current professional registration/),
        expect.stringMatching(/^Experience route: A current professional registration/),
      ]);
      const withIt = computeRouteStanding(
        input({ clinical: true, versions: [v], credentials: [cred()], registrations: [REG] }),
      );
      expect(withIt).toMatchObject({
        standing: 'certified',
        requirementsMet: 3,
        requirementsTotal: 3,
      });
      // Not for a non-clinical role, whatever the standard says.
      expect(computeRouteStanding(input({ versions: [v], credentials: [cred()] })).standing).toBe(
        'certified',
      );
    });

    it('should offer no clinical route to a non-clinical role or a standard without one', () => {
      expect(computeRouteStanding(input({ versions: [clinical] })).routes).toHaveLength(2);
      expect(computeRouteStanding(input({ clinical: true })).routes).toHaveLength(2);
    });
  });

  describe('register status, CPD and grace', () => {
    it('should let the register status decide first', () => {
      const r = computeRouteStanding(input({ registerStatus: 'suspended', credentials: [cred()] }));
      expect(r.standing).toBe('suspended');
      expect(r.reasons[0]?.code).toBe('REGISTER_SUSPENDED');
    });

    it('should be lapsed when a route is met but CPD is short', () => {
      const v = version({ cpdHoursPerYear: 10 });
      const short = computeRouteStanding(input({ versions: [v], credentials: [cred()] }));
      expect(short).toMatchObject({ standing: 'lapsed', route: 'qualification' });
      expect(short.reasons.map((x) => x.code)).toEqual(['CPD_SHORT']);
      const enough = computeRouteStanding(
        input({
          versions: [v],
          credentials: [
            cred(),
            cred({ kind: 'cpd', cpdHours: 12, awardedOn: '2025-01-01', competences: [] }),
          ],
        }),
      );
      expect(enough.standing).toBe('certified');
    });

    it('should be provisional in the grace period when some route is partly met', () => {
      const partly = [cred({ competences: [STRATEGY] })];
      expect(
        computeRouteStanding(input({ appointedOn: '2025-05-01', credentials: partly })).standing,
      ).toBe('provisional');
      expect(computeRouteStanding(input({ appointedOn: '2025-05-01' })).standing).toBe(
        'not-certified',
      );
      expect(
        computeRouteStanding(input({ appointedOn: '2024-01-01', credentials: partly })).standing,
      ).toBe('not-certified');
      expect(
        computeRouteStanding(input({ appointedOn: '2025-07-01', credentials: partly })).standing,
      ).toBe('not-certified');
    });
  });

  describe('versions', () => {
    const v1 = version({ version: 1, effectiveFrom: '2020-01-01', competences: [STRATEGY] });
    const v2 = version({ version: 2, effectiveFrom: '2023-01-01', competences: [STRATEGY, DATA] });
    const v3 = version({
      version: 3,
      effectiveFrom: '2025-01-01',
      competences: [STRATEGY, DATA, SAFETY],
    });

    it('should use the version in force on the date asked', () => {
      const held = [cred({ competences: [STRATEGY], awardedOn: '2023-06-01' })];
      expect(
        computeRouteStanding(input({ on: '2022-06-01', versions: [v2, v1], credentials: held })),
      ).toMatchObject({ standing: 'not-certified' });
      expect(
        computeRouteStanding(input({ on: '2023-07-01', versions: [v1, v2], credentials: held })),
      ).toMatchObject({ standing: 'not-certified', standardVersion: 2 });
      expect(versionInForce([v1, v2], '2022-12-31')?.version).toBe(1);
      expect(versionInForce([v1, v2], '2019-12-31')).toBeNull();
    });

    it('should keep those certified under an earlier version until their renewal date', () => {
      const held = [
        cred({ competences: [STRATEGY], awardedOn: '2021-01-01', validUntil: '2026-01-01' }),
      ];
      const kept = computeRouteStanding(input({ versions: [v1, v2], credentials: held }));
      expect(kept).toMatchObject({
        standing: 'certified',
        route: 'qualification',
        standardVersion: 1,
        grandfathered: true,
      });
      expect(kept.routes[0]?.met).toBe(false);
      const afterRenewal = computeRouteStanding(
        input({ on: '2026-02-01', versions: [v1, v2], credentials: held }),
      );
      // After renewal the current version applies, and the old credential does not meet it.
      expect(afterRenewal).toMatchObject({
        standing: 'not-certified',
        standardVersion: 2,
        grandfathered: false,
      });
    });

    it('should look back through every earlier version, oldest last', () => {
      const underV1 = [cred({ competences: [STRATEGY], awardedOn: '2021-01-01' })];
      expect(
        computeRouteStanding(input({ versions: [v1, v2, v3], credentials: underV1 })),
      ).toMatchObject({ standing: 'certified', standardVersion: 1, grandfathered: true });
      const underV2 = [cred({ competences: [STRATEGY, DATA], awardedOn: '2024-01-01' })];
      expect(
        computeRouteStanding(input({ versions: [v1, v2, v3], credentials: underV2 })),
      ).toMatchObject({ standing: 'certified', standardVersion: 2, grandfathered: true });
      const tooLate = [cred({ competences: [STRATEGY], awardedOn: '2023-02-01' })];
      expect(
        computeRouteStanding(input({ versions: [v1, v2, v3], credentials: tooLate })),
      ).toMatchObject({ standing: 'not-certified', standardVersion: 3, grandfathered: false });
    });

    it('should refuse a date before the first version, and a malformed date', () => {
      expect(() => computeRouteStanding(input({ on: '2019-01-01' }))).toThrow(RangeError);
      expect(() => computeRouteStanding(input({ on: '2025-02-30' }))).toThrow(RangeError);
    });
  });
});
