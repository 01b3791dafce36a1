import { compareResults } from './academic-result.js';
import { bodyWords, subjectWords, subjectWordsOfTitle, titleWords } from './qualification-names.js';
import { literal, sameWords, uniqueWords, wordOverlap } from './text-folding.js';

export type CredentialKind = 'degree' | 'certificate' | 'registration' | 'cpd';

export type CheckField =
  'kind' | 'title' | 'awardingBody' | 'subject' | 'level' | 'result' | 'awardedYear';

export interface ClaimAsked {
  kind: CredentialKind;
  title: string;
  awardingBody: string;
  subject?: string;
  /** RQF level 1–8. */
  level?: number;
  result?: string;
  awardedYear?: number;
}

export interface RecordFacts {
  kind: CredentialKind;
  title: string;
  /** The awarding body's current name. */
  awardingBody: string;
  /** Former names and accepted short forms the register holds for that body. */
  awardingBodyAliases?: readonly string[];
  subject: string | null;
  level: number | null;
  result: string | null;
  /** YYYY-MM-DD */
  awardedOn: string;
}

export type FieldMatch = 'exact' | 'equivalent' | 'mismatch' | 'not-recorded' | 'not-claimed';

export interface FieldComparison {
  field: CheckField;
  claimed: string | number | null;
  recorded: string | number | null;
  match: FieldMatch;
}

export interface ClaimComparison {
  fields: FieldComparison[];
  /** Weighted share of the claimed fields that the record bears out, 0–1. */
  score: number;
  /** Every claimed field is borne out; a field the record lacks does not count as borne out. */
  allMatch: boolean;
}

export interface BestMatch<T extends RecordFacts> {
  record: T;
  index: number;
  comparison: ClaimComparison;
}

// Title and body say which qualification it is; the rest are the details people inflate.
const FIELD_WEIGHTS: Readonly<Record<CheckField, number>> = {
  kind: 1,
  title: 3,
  awardingBody: 3,
  subject: 2,
  level: 1,
  result: 2,
  awardedYear: 2,
};

type Comparable = 'exact' | 'equivalent' | 'mismatch';

function compareWordsOf(
  claimed: string,
  recorded: string,
  words: (text: string) => string[],
): Comparable {
  if (literal(claimed) === literal(recorded)) return 'exact';
  return sameWords(words(claimed), words(recorded)) ? 'equivalent' : 'mismatch';
}

export function compareAwardingBody(claimed: string, record: RecordFacts): Comparable {
  if (literal(claimed) === literal(record.awardingBody)) return 'exact';
  const claimedWords = bodyWords(claimed);
  const names = [record.awardingBody, ...(record.awardingBodyAliases ?? [])];
  return names.some(
    (name) => literal(claimed) === literal(name) || sameWords(claimedWords, bodyWords(name)),
  )
    ? 'equivalent'
    : 'mismatch';
}

/**
 * The title may carry the subject on either side ("MSc Health Informatics" against title "MSc"
 * with subject "Health Informatics"), so the title is also tried together with the subject.
 */
function compareTitle(asked: ClaimAsked, record: RecordFacts): Comparable {
  if (literal(asked.title) === literal(record.title)) return 'exact';
  // Deduplicated: "Master of Science (MSc)" says MSc twice.
  const claimed = uniqueWords(titleWords(asked.title));
  const recorded = uniqueWords(titleWords(record.title));
  if (sameWords(claimed, recorded)) return 'equivalent';
  if (record.subject === null) return 'mismatch';
  const recordedWithSubject = uniqueWords(recorded, subjectWords(record.subject));
  if (sameWords(claimed, recordedWithSubject)) return 'equivalent';
  const askedSubject = present(asked.subject);
  if (askedSubject !== null) {
    const claimedWithSubject = uniqueWords(claimed, subjectWords(askedSubject));
    if (sameWords(claimedWithSubject, recordedWithSubject)) return 'equivalent';
  }
  return 'mismatch';
}

function present(value: string | undefined | null): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

function optionalText(
  field: CheckField,
  claimed: string | undefined,
  recorded: string | null,
  compare: (claimed: string, recorded: string) => Comparable,
): FieldComparison {
  const asked = present(claimed);
  const held = present(recorded);
  if (asked === null) return { field, claimed: null, recorded: held, match: 'not-claimed' };
  if (held === null) return { field, claimed: asked, recorded: null, match: 'not-recorded' };
  return { field, claimed: asked, recorded: held, match: compare(asked, held) };
}

function optionalNumber(
  field: CheckField,
  claimed: number | undefined,
  recorded: number | null,
): FieldComparison {
  if (claimed === undefined) return { field, claimed: null, recorded, match: 'not-claimed' };
  if (recorded === null) return { field, claimed, recorded: null, match: 'not-recorded' };
  return { field, claimed, recorded, match: claimed === recorded ? 'exact' : 'mismatch' };
}

function awardedYear(record: RecordFacts): number | null {
  const year = Number.parseInt(record.awardedOn.slice(0, 4), 10);
  return Number.isFinite(year) ? year : null;
}

export function compareClaim(asked: ClaimAsked, record: RecordFacts): ClaimComparison {
  const fields: FieldComparison[] = [
    {
      field: 'kind',
      claimed: asked.kind,
      recorded: record.kind,
      match: asked.kind === record.kind ? 'exact' : 'mismatch',
    },
    {
      field: 'title',
      claimed: asked.title,
      recorded: record.title,
      match: compareTitle(asked, record),
    },
    {
      field: 'awardingBody',
      claimed: asked.awardingBody,
      recorded: record.awardingBody,
      match: compareAwardingBody(asked.awardingBody, record),
    },
    optionalText('subject', asked.subject, record.subject, (a, b) =>
      compareWordsOf(a, b, subjectWords),
    ),
    optionalNumber('level', asked.level, record.level),
    optionalText('result', asked.result, record.result, compareResults),
    optionalNumber('awardedYear', asked.awardedYear, awardedYear(record)),
  ];
  let claimedWeight = 0;
  let matchedWeight = 0;
  for (const { field, match } of fields) {
    if (match === 'not-claimed') continue;
    claimedWeight += FIELD_WEIGHTS[field];
    if (match === 'exact' || match === 'equivalent') matchedWeight += FIELD_WEIGHTS[field];
  }
  return {
    fields,
    score: claimedWeight === 0 ? 0 : Math.round((matchedWeight / claimedWeight) * 1000) / 1000,
    allMatch: fields.every(
      (f) => f.match === 'exact' || f.match === 'equivalent' || f.match === 'not-claimed',
    ),
  };
}

// Share of subject words two titles must have in common to be the same course under another name.
const SUBJECT_OVERLAP_NEEDED = 0.6;

function subjectOf(subject: string | null | undefined, title: string): string[] {
  const given = present(subject);
  return given === null ? subjectWordsOfTitle(title) : subjectWords(given);
}

/**
 * Whether the record is the qualification the claim is about (even if details differ): same kind,
 * same awarding body, and the same title or mostly the same subject. Another body's record never is.
 */
function isSameQualification(asked: ClaimAsked, record: RecordFacts, c: ClaimComparison): boolean {
  const match = (field: CheckField): FieldMatch =>
    c.fields.find((f) => f.field === field)?.match ?? 'mismatch';
  if (match('kind') === 'mismatch' || match('awardingBody') === 'mismatch') return false;
  if (match('title') !== 'mismatch') return true;
  const overlap = wordOverlap(
    subjectOf(asked.subject, asked.title),
    subjectOf(record.subject, record.title),
  );
  return overlap >= SUBJECT_OVERLAP_NEEDED;
}

/**
 * The record the claim is most plausibly about, or null when none is the same qualification.
 * Among several, the best score wins, then the later award, then the earlier position.
 */
export function findBestMatch<T extends RecordFacts>(
  asked: ClaimAsked,
  records: readonly T[],
): BestMatch<T> | null {
  let best: BestMatch<T> | null = null;
  for (const [index, record] of records.entries()) {
    const comparison = compareClaim(asked, record);
    if (!isSameQualification(asked, record, comparison)) continue;
    if (
      best === null ||
      comparison.score > best.comparison.score ||
      (comparison.score === best.comparison.score && record.awardedOn > best.record.awardedOn)
    ) {
      best = { record, index, comparison };
    }
  }
  return best;
}
