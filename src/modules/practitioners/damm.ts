/**
 * Damm check digit. The table is a weakly totally anti-symmetric quasigroup of order 10, which is
 * what makes the check catch every single-digit substitution and every adjacent transposition.
 */
const TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

const DIGITS = /^[0-9]+$/;

function interim(digits: string): number {
  let state = 0;
  for (const ch of digits) {
    state = TABLE[state][ch.charCodeAt(0) - 48];
  }
  return state;
}

/** The check digit to append to `digits`. Throws RangeError on anything but ASCII digits. */
export function dammCheckDigit(digits: string): number {
  // Callers pass bodies they built themselves, so bad input is a bug rather than a client error.
  if (!DIGITS.test(digits)) {
    throw new RangeError(`Damm input must be one or more digits, got "${digits}"`);
  }
  return interim(digits);
}

/** True when `digitsWithCheck` (body followed by its check digit) passes the Damm check. */
export function isDammValid(digitsWithCheck: string): boolean {
  return DIGITS.test(digitsWithCheck) && interim(digitsWithCheck) === 0;
}
