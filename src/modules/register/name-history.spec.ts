import type { NamePeriod } from './entry-facts.js';
import { nameAsOf } from './name-history.js';

const period = (given: string, family: string, from: string, to: string | null): NamePeriod => ({
  givenName: given,
  familyName: family,
  validFrom: new Date(from),
  validTo: to === null ? null : new Date(to),
});

describe(nameAsOf.name, () => {
  const names = [
    period('Amelia', 'Kelly', '2020-01-01T00:00:00Z', '2023-06-01T10:00:00Z'),
    period('Amelia', 'Hughes', '2023-06-01T10:00:00Z', null),
  ];
  const now = { givenName: 'Amelia', familyName: 'Hughes', formerNames: ['Amelia Kelly'] };

  it('should give the name in use at the moment asked', () => {
    const then = nameAsOf(now, names, new Date('2022-01-01T23:59:59Z'));
    expect(then).toEqual({ givenName: 'Amelia', familyName: 'Kelly', formerNames: [] });
  });

  it('should give the new name from the instant of the change', () => {
    expect(nameAsOf(now, names, new Date('2023-06-01T10:00:00Z'))).toEqual(now);
  });

  it('should answer with the first name before any period', () => {
    expect(nameAsOf(now, names, new Date('2019-01-01T00:00:00Z')).familyName).toBe('Kelly');
  });

  it('should answer with the current name when there is no history', () => {
    expect(nameAsOf(now, [], new Date('2019-01-01T00:00:00Z'))).toEqual(now);
  });

  it('should keep former names that were already former then, ignoring case and spaces', () => {
    const withMaiden = { ...now, formerNames: ['Amelia  KELLY', 'Amelia Price'] };
    expect(nameAsOf(withMaiden, names, new Date('2022-01-01T00:00:00Z')).formerNames).toEqual([
      'Amelia Price',
    ]);
  });
});
