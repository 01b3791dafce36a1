import { foldText, foldedWords, remembered, replacePhrases } from './text-folding.js';

/** Spelled-out awards and their usual abbreviations, folded; longer phrases first. */
const AWARD_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['doctor of business administration', 'dba'],
  ['master of business administration', 'mba'],
  ['doctor of philosophy', 'phd'],
  ['doctor of education', 'edd'],
  ['master of public health', 'mph'],
  ['master of philosophy', 'mphil'],
  ['master of research', 'mres'],
  ['master of science', 'msc'],
  ['master of arts', 'ma'],
  ['master of engineering', 'meng'],
  ['master of laws', 'llm'],
  ['bachelor of science', 'bsc'],
  ['bachelor of arts', 'ba'],
  ['bachelor of engineering', 'beng'],
  ['bachelor of laws', 'llb'],
  ['post graduate certificate', 'pgcert'],
  ['postgraduate certificate', 'pgcert'],
  ['pg certificate', 'pgcert'],
  ['pg cert', 'pgcert'],
  ['post graduate diploma', 'pgdip'],
  ['postgraduate diploma', 'pgdip'],
  ['pg diploma', 'pgdip'],
  ['pg dip', 'pgdip'],
  ['dphil', 'phd'],
];

export const AWARD_CODES: ReadonlySet<string> = new Set([...AWARD_PHRASES.map(([, code]) => code)]);

// Words people add or drop without changing which award it is.
const TITLE_NOISE = new Set(['hons', 'honours', 'in', 'of', 'the', 'and', 'with']);

// Each of these is remembered per input (titles and bodies repeat across checks); the arrays they
// return are shared and frozen.
export const titleWords = remembered(function titleWords(title: string): string[] {
  return replacePhrases(foldText(title), AWARD_PHRASES)
    .split(' ')
    .filter((word) => word !== '' && !TITLE_NOISE.has(word));
});

export const subjectWords = remembered(function subjectWords(subject: string): string[] {
  return foldedWords(subject).filter((word) => !TITLE_NOISE.has(word));
});

/** The field of study a title names once the award ("MSc") is taken away. */
export const subjectWordsOfTitle = remembered(function subjectWordsOfTitle(
  title: string,
): string[] {
  return titleWords(title).filter((word) => !AWARD_CODES.has(word));
});

const BODY_ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['univ', ['university']],
  ['uni', ['university']],
  ['coll', ['college']],
  ['inst', ['institute']],
  ['st', ['saint']],
  ['intl', ['international']],
  ['natl', ['national']],
  ['assoc', ['association']],
  ['soc', ['society']],
  ['sch', ['school']],
  ['ucl', ['university', 'college', 'london']],
  ['kcl', ['kings', 'college', 'london']],
  ['lse', ['london', 'school', 'economics', 'political', 'science']],
  ['lshtm', ['london', 'school', 'hygiene', 'tropical', 'medicine']],
  ['ou', ['open', 'university']],
]);

const BODY_NOISE = new Set(['the', 'of', 'and', 'for', 'at', 'in']);

// Words that say what sort of body it is, not which one.
const GENERIC_BODY_WORDS = new Set([
  'university',
  'college',
  'institute',
  'institution',
  'school',
  'academy',
  'society',
  'association',
  'faculty',
  'national',
  'royal',
  'chartered',
  'polytechnic',
  'london',
]);

/**
 * An awarding body's name as a bag of words: abbreviations expanded, connectives dropped, and a
 * trailing "London" dropped when the rest still names one body ("Imperial College London" is
 * "Imperial College"; "University College London" keeps it). Word order is left to the caller.
 */
export const bodyWords = remembered(function bodyWords(name: string): string[] {
  const words = foldedWords(name)
    .flatMap((word) => BODY_ABBREVIATIONS.get(word) ?? [word])
    .filter((word) => !BODY_NOISE.has(word));
  const last = words.length - 1;
  if (last >= 2 && words[last] === 'london') {
    const rest = words.slice(0, last);
    if (rest.some((word) => !GENERIC_BODY_WORDS.has(word))) return rest;
  }
  return words;
});
