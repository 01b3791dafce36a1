import type { EntryFacts, EntryRole } from './entry-facts.js';
import { endOfDay } from '../credentials/role-standings.js';
import { buildPublicEntry, staleAfter } from './public-entry.js';

const CIO: EntryRole = {
  code: 'CIO',
  title: 'Chief Information Officer',
  clinical: false,
  requirements: {
    credentials: [{ kind: 'certificate' }],
    professionalRegistration: false,
    cpdHoursPerYear: 0,
    graceDays: 90,
  },
};

function facts(overrides: Partial<EntryFacts> = {}): EntryFacts {
  return {
    id: 'p1',
    registerNumber: 'DL12345671',
    givenName: 'Ada',
    familyName: 'Lovelace',
    formerNames: ['Ada Byron'],
    visibility: {
      listed: true,
      formerNames: false,
      appointments: true,
      professionalRegistrations: true,
    },
    names: [],
    history: [
      { toStatus: 'registered', conditions: null, changedAt: new Date('2020-01-01T10:00:00Z') },
    ],
    credentials: [],
    changes: [],
    claims: [],
    registrations: [],
    appointments: [],
    ...overrides,
  };
}

const today = (date: string) => ({ date, instant: endOfDay(date), today: true });

const certificate = (validUntil: string | null) => ({
  id: 'c1',
  kind: 'certificate' as const,
  title: 'Digital Leadership Certificate',
  subject: null,
  level: null,
  result: null,
  awardingBody: 'Academy',
  awardedOn: '2023-01-10',
  validUntil,
  status: 'active' as const,
  provenance: 'issued' as const,
  cpdHours: null,
  createdAt: new Date('2023-01-10T09:00:00Z'),
});

describe(staleAfter.name, () => {
  it('should be the day after a valid-until date still ahead', () => {
    const f = facts({ credentials: [certificate('2025-06-30')] });
    expect(staleAfter(f, [CIO], '2025-01-01')?.toISOString()).toBe('2025-07-01T00:00:00.000Z');
  });

  it('should be the end of a grace period before a later expiry', () => {
    const f = facts({
      credentials: [certificate('2030-01-01')],
      appointments: [{ roleCode: 'CIO', startDate: '2025-01-01', endDate: null }],
    });
    expect(staleAfter(f, [CIO], '2025-01-15')?.toISOString()).toBe('2025-04-01T00:00:00.000Z');
  });

  it('should be null when nothing dated lies ahead', () => {
    const f = facts({ credentials: [certificate(null)] });
    expect(staleAfter(f, [CIO], '2025-01-01')).toBeNull();
  });

  it('should give an entry that reads the same on every day before it', () => {
    const f = facts({
      credentials: [certificate('2025-06-30')],
      appointments: [{ roleCode: 'CIO', startDate: '2024-01-01', endDate: '2025-12-31' }],
    });
    const built = buildPublicEntry(f, [CIO], today('2025-01-01'));
    const boundary = staleAfter(f, [CIO], '2025-01-01')?.toISOString().slice(0, 10) ?? '';
    const dayBefore = buildPublicEntry(f, [CIO], today('2025-06-30'));
    const strip = (e: typeof built) =>
      JSON.stringify({ ...e, asOf: null, roles: e?.roles.map((r) => ({ ...r, asOf: null })) });
    expect(strip(dayBefore)).toBe(strip(built));
    expect(strip(buildPublicEntry(f, [CIO], today(boundary)))).not.toBe(strip(built));
  });
});

describe(buildPublicEntry.name, () => {
  it('should leave out what the visibility settings hide unless the full record is asked for', () => {
    const f = facts({
      visibility: {
        listed: true,
        formerNames: false,
        appointments: false,
        professionalRegistrations: false,
      },
      registrations: [{ body: 'GMC', number: '1234567', current: true }],
      appointments: [{ roleCode: 'CIO', startDate: '2024-01-01', endDate: null }],
    });
    const shown = buildPublicEntry(f, [CIO], today('2025-01-01'));
    expect(shown).toMatchObject({ formerNames: [], professionalRegistrations: [], roles: [] });
    const full = buildPublicEntry(f, [CIO], today('2025-01-01'), true);
    expect(full?.formerNames).toEqual(['Ada Byron']);
    expect(full?.professionalRegistrations).toHaveLength(1);
    expect(full?.roles).toEqual([expect.objectContaining({ role: 'CIO', appointed: true })]);
  });

  it('should be null before the person was on the register', () => {
    expect(
      buildPublicEntry(facts(), [CIO], {
        date: '2019-12-31',
        instant: endOfDay('2019-12-31'),
        today: false,
      }),
    ).toBeNull();
  });
});
