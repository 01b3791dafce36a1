/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition as one edit), because
 * swapped letters are the commonest typo when someone copies a name off a CV.
 * Written here because `fastest-levenshtein` is not a dependency of this project.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2] + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * Edits tolerated between two words. Short words get none: "York"/"Cork" and "Essex"/"Sussex" are
 * different universities one edit apart.
 */
export function allowedEdits(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  if (shorter <= 5) return 0;
  if (shorter <= 9) return 1;
  return 2;
}

export function isTypoOf(a: string, b: string): boolean {
  if (a === b) return true;
  const allowed = allowedEdits(a, b);
  if (allowed === 0 || Math.abs(a.length - b.length) > allowed) return false;
  return editDistance(a, b) <= allowed;
}
