import type { NamePeriod } from './entry-facts.js';

export interface NameNow {
  givenName: string;
  familyName: string;
  formerNames: string[];
}

const fold = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The name a practitioner was known by at `at`, and their former names as they read then: names
 * taken later are not yet former names, and the name then in use is not one. Without a period
 * covering `at` (a script-made row with no history, or a time before the first period) the
 * nearest known name answers: the first period's before it, the current name after.
 */
export function nameAsOf(now: NameNow, names: readonly NamePeriod[], at: Date): NameNow {
  if (names.length === 0) return now;
  const t = at.getTime();
  const held =
    names.find(
      (n) => n.validFrom.getTime() <= t && (n.validTo === null || n.validTo.getTime() > t),
    ) ?? (t < names[0].validFrom.getTime() ? names[0] : null);
  if (held === null) return now;
  const then = `${held.givenName} ${held.familyName}`;
  const later = new Set(
    names
      .filter((n) => n.validFrom.getTime() > t)
      .map((n) => fold(`${n.givenName} ${n.familyName}`)),
  );
  later.add(fold(then));
  return {
    givenName: held.givenName,
    familyName: held.familyName,
    formerNames: now.formerNames.filter((f) => !later.has(fold(f))),
  };
}
