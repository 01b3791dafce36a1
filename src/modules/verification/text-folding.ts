import { isTypoOf } from './edit-distance.js';

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Case, diacritics, compatibility forms and punctuation folded away; '&' read as 'and'.
 * Dots and apostrophes join rather than split, so "M.Sc." is "msc" and "King's" is "kings".
 */
export function foldText(input: string): string {
  return input
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function foldedWords(input: string): string[] {
  const folded = foldText(input);
  return folded === '' ? [] : folded.split(' ');
}

/** Whitespace collapsed only: what "literally the same" means for a comparison. */
export function literal(input: string): string {
  return input.trim().replace(/\s+/g, ' ');
}

type PhraseTable = ReadonlyArray<readonly [string, string]>;

// Each table's patterns, built once: building them on every call was a visible share of a claim
// check's CPU.
type Compiled = ReadonlyArray<{ phrase: string; pattern: RegExp; replacement: string }>;
const compiledTables = new WeakMap<PhraseTable, Compiled>();

function compiled(table: PhraseTable): Compiled {
  let patterns = compiledTables.get(table);
  if (!patterns) {
    patterns = table.map(([phrase, replacement]) => {
      const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return { phrase, pattern: new RegExp(`(?<= )${escaped}(?= )`, 'g'), replacement };
    });
    compiledTables.set(table, patterns);
  }
  return patterns;
}

/** Replaces whole-word phrases (already folded) using a table, in table order. */
export function replacePhrases(folded: string, table: PhraseTable): string {
  let text = ` ${folded} `;
  for (const { phrase, pattern, replacement } of compiled(table)) {
    // A plain search first: most phrases are absent from most texts.
    if (text.includes(phrase)) text = text.replace(pattern, replacement);
  }
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * A pure function of a string, remembered for the most recent few thousand inputs: qualification
 * titles and body names repeat across checks. The result is frozen, as every caller shares it.
 */
export function remembered(
  fn: (input: string) => string[],
  size = 5000,
): (input: string) => string[] {
  const cache = new Map<string, string[]>();
  const wrapped = (input: string) => {
    let found = cache.get(input);
    if (found === undefined) {
      found = Object.freeze(fn(input)) as string[];
      if (cache.size >= size) cache.clear();
      cache.set(input, found);
    }
    return found;
  };
  return Object.defineProperty(wrapped, 'name', { value: fn.name });
}

/** Same words in any order, each equal or a small typo of its partner. */
export function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  return countSharedWords(a, b) === a.length;
}

/** How many words of `a` pair off with a distinct word of `b` (exact pairs first, then typos). */
export function countSharedWords(a: readonly string[], b: readonly string[]): number {
  const unusedB = [...b];
  const leftover: string[] = [];
  let shared = 0;
  for (const word of a) {
    const at = unusedB.indexOf(word);
    if (at >= 0) {
      unusedB.splice(at, 1);
      shared++;
    } else {
      leftover.push(word);
    }
  }
  for (const word of leftover) {
    const at = unusedB.findIndex((candidate) => isTypoOf(word, candidate));
    if (at >= 0) {
      unusedB.splice(at, 1);
      shared++;
    }
  }
  return shared;
}

/** Shared words over all distinct words (fuzzy Jaccard); 0 when both are empty. */
export function wordOverlap(a: readonly string[], b: readonly string[]): number {
  const setA = [...new Set(a)];
  const setB = [...new Set(b)];
  const shared = countSharedWords(setA, setB);
  const union = setA.length + setB.length - shared;
  return union === 0 ? 0 : shared / union;
}

export function uniqueWords(...lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())];
}
