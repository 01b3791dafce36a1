import { foldText, foldedWords } from './text-folding.js';

export type CanonicalResult =
  | 'first'
  | 'upper-second'
  | 'lower-second'
  | 'second-undivided'
  | 'third'
  | 'ordinary'
  | 'distinction'
  | 'merit'
  | 'pass';

const FILLER = new Set([
  'class',
  'honours',
  'hons',
  'degree',
  'with',
  'division',
  'the',
  'a',
  'in',
]);

// Matched before folding, because folding turns "II.i" into "iii", which is a third.
// Bare "iii" is tested first for the same reason.
const NUMERIC_FORMS: ReadonlyArray<readonly [RegExp, CanonicalResult]> = [
  [/^(3|iii|3rd)$/, 'third'],
  [/^(2|ii)\s*[:.\-/(]?\s*(1|i)\s*\)?$/, 'upper-second'],
  [/^(2|ii)\s*[:.\-/(]?\s*(2|ii)\s*\)?$/, 'lower-second'],
  [/^(1|i|1st)$/, 'first'],
  [/^(2|ii|2nd)$/, 'second-undivided'],
];

const WORD_FORMS: ReadonlyArray<readonly [string, CanonicalResult]> = [
  ['first', 'first'],
  ['1st', 'first'],
  ['upper second', 'upper-second'],
  ['upper 2nd', 'upper-second'],
  ['lower second', 'lower-second'],
  ['lower 2nd', 'lower-second'],
  ['second', 'second-undivided'],
  ['2nd', 'second-undivided'],
  ['third', 'third'],
  ['3rd', 'third'],
  ['ordinary', 'ordinary'],
  ['unclassified', 'ordinary'],
  ['distinction', 'distinction'],
  ['merit', 'merit'],
  ['pass', 'pass'],
];

/**
 * The UK degree class or taught-masters grade a free-text result names, or null when it names
 * none (a certificate's "Grade A" stays free text).
 */
export function canonicalResult(input: string): CanonicalResult | null {
  const compact = input.trim().toLowerCase();
  const stripped = compact
    .replace(/\b(class|honours|hons|degree)\b/g, '')
    .replace(/\(\s*\)/g, '')
    .trim();
  for (const [pattern, result] of NUMERIC_FORMS) {
    if (pattern.test(compact) || pattern.test(stripped)) return result;
  }
  const words = foldedWords(input).filter((word) => !FILLER.has(word));
  // "Pass with merit" and "MSc with Distinction" name the higher grade.
  if (words.includes('distinction')) return 'distinction';
  if (words.includes('merit')) return 'merit';
  // Word order varies: "Second Class Honours (Upper Division)".
  const key = [...words].sort().join(' ');
  for (const [form, result] of WORD_FORMS) {
    if ([...form.split(' ')].sort().join(' ') === key) return result;
  }
  return null;
}

export type ResultMatch = 'exact' | 'equivalent' | 'mismatch';

export function compareResults(claimed: string, recorded: string): ResultMatch {
  if (claimed.trim().replace(/\s+/g, ' ') === recorded.trim().replace(/\s+/g, ' ')) return 'exact';
  const a = canonicalResult(claimed);
  const b = canonicalResult(recorded);
  if (a !== null || b !== null) return a === b ? 'equivalent' : 'mismatch';
  return foldText(claimed) === foldText(recorded) ? 'equivalent' : 'mismatch';
}
