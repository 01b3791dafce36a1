// Name pools for the load generator: thousands of given and family names with a skewed (Zipf-like)
// frequency, so a common name matches thousands of people and a rare one a handful, as on a real
// national register. The long tail comes from @faker-js/faker's locale lists (MIT); the head is
// the most frequent names in England and Wales, in order, so "Smith" is common as it should be.
import {
  af_ZA,
  cs_CZ,
  da,
  de,
  en,
  en_IN,
  es,
  fr,
  hu,
  it,
  nl,
  pl,
  pt_PT,
  ro,
  tr,
  vi,
  yo_NG,
  type LocaleDefinition,
} from '@faker-js/faker';

/** A small, fast, seedable PRNG (sfc32): the same seed gives the same register every time. */
export function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i += 1) next();
  return next;
}

const HEAD_FAMILY = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green',
  'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper',
  'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen',
  'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young',
  'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell',
  'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis',
  'Adams', 'Singh', 'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray',
  'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills',
  'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins',
  'Murray', 'Dixon', 'Harvey', 'Okafor', 'Ahmed', 'Chen', "O'Neill", 'Ní Bhriain', 'MacDonald',
  "O'Brien", 'Nowak', 'Kowalski', 'Østergaard', 'Müller', 'García', 'Nguyen', 'Rahman', 'Akhtar',
  'Mensah', 'Adeyemi', 'Fernandes', 'da Silva', 'van der Berg', 'de la Cruz', 'Mac an tSaoir',
  'ap Rhys', 'Llewellyn', 'Ó Súilleabháin', 'Mc Kenna', 'Sánchez', 'Zając', 'Wójcik', 'Lefèvre',
]; // prettier-ignore

const HEAD_GIVEN = [
  'David', 'John', 'Sarah', 'Michael', 'Paul', 'Andrew', 'James', 'Claire', 'Emma', 'Mark',
  'Richard', 'Helen', 'Peter', 'Rachel', 'Stephen', 'Laura', 'Mohammed', 'Priya', 'Christopher',
  'Louise', 'Daniel', 'Rebecca', 'Thomas', 'Nicola', 'Matthew', 'Katherine', 'Simon', 'Joanne',
  'Robert', 'Lucy', 'Jonathan', 'Elizabeth', 'Alexander', 'Fatima', 'Sam', 'Alex', 'Siobhán',
  'Zoë', 'José', 'Chloé', 'Oluwaseun', 'Mei', 'Björn', 'Aoife', 'Rhys', 'Amélie', 'Niamh', 'Gareth',
  'Sinéad', 'Dafydd', 'Ifeoma', 'Chidi', 'Aisha', 'Anjali', 'Rajesh', 'Wei', 'Joanna', 'Piotr',
  'Anna-Marie', 'Jean-Luc', 'Mary Jane', 'Siân', 'Eilidh', 'Ciarán', 'Seán', 'Nuala', 'Bláthnaid',
]; // prettier-ignore

const LOCALES: LocaleDefinition[] = [
  en,
  en_IN,
  de,
  fr,
  es,
  pl,
  it,
  pt_PT,
  nl,
  tr,
  yo_NG,
  ro,
  da,
  cs_CZ,
  hu,
  vi,
  af_ZA,
];

type NameList = string[] | Partial<Record<'generic' | 'female' | 'male', string[]>> | undefined;

function flatten(list: NameList): string[] {
  if (!list) return [];
  if (Array.isArray(list)) return list;
  return [...(list.generic ?? []), ...(list.female ?? []), ...(list.male ?? [])];
}

// Latin script only: the register is searched from an English keyboard (accents are folded).
const LATIN = /^[\p{Script=Latin}' -]+$/u;

function pool(head: string[], tail: string[], random: () => number): string[] {
  const seen = new Set(head);
  const rest = [...new Set(tail)].filter((n) => !seen.has(n) && LATIN.test(n) && n.length <= 40);
  for (let i = rest.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  return [...head, ...rest];
}

/** Draws from a ranked list with weight 1/(rank + offset): a few names very common, most rare. */
export class ZipfPicker {
  private readonly cumulative: Float64Array;

  constructor(
    readonly names: readonly string[],
    offset: number,
  ) {
    this.cumulative = new Float64Array(names.length);
    let sum = 0;
    for (let r = 0; r < names.length; r += 1) {
      sum += 1 / (r + offset);
      this.cumulative[r] = sum;
    }
  }

  pick(random: () => number): string {
    const target = random() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return this.names[lo];
  }
}

export interface NamePools {
  given: ZipfPicker;
  family: ZipfPicker;
}

export function namePools(random: () => number): NamePools {
  const given = pool(
    HEAD_GIVEN,
    LOCALES.flatMap((l) => flatten(l.person?.first_name as NameList)),
    random,
  );
  const family = pool(
    HEAD_FAMILY,
    LOCALES.flatMap((l) => flatten(l.person?.last_name as NameList)),
    random,
  );
  // Offsets chosen so the most common family name is ~1.5% of people and given name ~3%.
  return { given: new ZipfPicker(given, 4), family: new ZipfPicker(family, 10) };
}
