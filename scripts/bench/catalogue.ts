// What the generated register is made of besides names: certifying bodies, awards, employers,
// and the proportions of every status, role and provenance. Proportions are guesses at a mature
// national register, written down so a reader can argue with them.

export interface IssuerSpec {
  name: string;
  kind: 'university' | 'professional-body' | 'academy';
  aliases: string[];
}

const PLACES = [
  'Northshire', 'Southshire', 'Westmoor', 'Eastbridge', 'Kingsford', 'Ashdown', 'Bramley', 'Carrow',
  'Dunmore', 'Elmstead', 'Fenwick', 'Glenholm', 'Hartfield', 'Ivybridge', 'Kelvingrove', 'Lowther',
  'Marston', 'Newbury Vale', 'Oakhampton', 'Penrose', 'Queensbury', 'Redcliffe', 'Stanmore',
  'Thornbury',
]; // prettier-ignore

export const ISSUERS: IssuerSpec[] = [
  ...PLACES.map((place) => ({
    name: `University of ${place}`,
    kind: 'university' as const,
    aliases: [`${place} University`],
  })),
  {
    name: 'Faculty of Clinical Informatics',
    kind: 'professional-body',
    aliases: ['FCI'],
  },
  {
    name: 'BCS, The Chartered Institute for IT',
    kind: 'professional-body',
    aliases: ['British Computer Society', 'BCS'],
  },
  {
    name: 'Institute of Health Records and Information Management',
    kind: 'professional-body',
    aliases: ['IHRIM'],
  },
  { name: 'Federation for Informatics Professionals', kind: 'professional-body', aliases: [] },
  { name: 'Chartered Management Institute', kind: 'professional-body', aliases: ['CMI'] },
  { name: 'Royal College of Nursing', kind: 'professional-body', aliases: ['RCN'] },
  { name: 'NHS Digital Academy', kind: 'academy', aliases: [] },
  { name: 'Digital Health Leadership Academy', kind: 'academy', aliases: [] },
  { name: 'Northern Informatics Academy', kind: 'academy', aliases: [] },
  { name: 'Leadership Academy for Health and Care', kind: 'academy', aliases: [] },
  { name: 'Clinical Safety Academy', kind: 'academy', aliases: [] },
];

/** Bodies that are not recognised certifying bodies: foreign universities and a few degree mills. */
export const UNRECOGNISED_BODIES = [
  'University of Lagos',
  'Universidad Complutense de Madrid',
  'Jagiellonian University',
  'University of Mumbai',
  'Trinity College Dublin',
  'Universität Heidelberg',
  'Université de Lyon',
  'Kensington Royal University',
  'Belford University',
  'Open Learning Institute of Excellence',
];

export interface Award {
  title: string;
  subject: string | null;
  level: number | null;
  results: string[];
}

export const DEGREES: Award[] = [
  { title: 'BSc Computer Science', subject: 'Computer Science', level: 6, results: ['First', '2:1', '2:2', 'Third'] },
  { title: 'MSc Health Informatics', subject: 'Health Informatics', level: 7, results: ['Distinction', 'Merit', 'Pass'] },
  { title: 'MBA', subject: 'Business Administration', level: 7, results: ['Distinction', 'Merit', 'Pass'] },
  { title: 'BA (Hons) History', subject: 'History', level: 6, results: ['First', '2:1', '2:2'] },
  { title: 'MBBS', subject: 'Medicine', level: 7, results: ['Pass', 'Merit'] },
  { title: 'BSc (Hons) Nursing', subject: 'Adult Nursing', level: 6, results: ['First', '2:1', '2:2'] },
  { title: 'PhD', subject: 'Clinical Informatics', level: 8, results: ['Awarded'] },
  { title: 'MSc Data Science', subject: 'Data Science', level: 7, results: ['Distinction', 'Merit', 'Pass'] },
  { title: 'BEng Software Engineering', subject: 'Software Engineering', level: 6, results: ['First', '2:1', '2:2'] },
  { title: 'MPharm', subject: 'Pharmacy', level: 7, results: ['First', '2:1', '2:2'] },
  { title: 'BSc Physiotherapy', subject: 'Physiotherapy', level: 6, results: ['First', '2:1', '2:2'] },
  { title: 'MSc Digital Health Leadership', subject: 'Digital Health Leadership', level: 7, results: ['Distinction', 'Merit', 'Pass'] },
  { title: 'BA (Hons) Business Management', subject: 'Business Management', level: 6, results: ['First', '2:1', '2:2', 'Third'] },
]; // prettier-ignore

export const CERTIFICATES: Award[] = [
  { title: 'Digital Leadership Certificate', subject: null, level: null, results: [] },
  { title: 'Digital Health Leadership Programme', subject: null, level: 7, results: ['Pass'] },
  { title: 'Postgraduate Certificate in Digital Health Leadership', subject: 'Digital Health', level: 7, results: ['Pass', 'Merit'] },
  { title: 'Certified Health Informatician', subject: null, level: null, results: [] },
  { title: 'Chief Clinical Information Officer Programme', subject: null, level: null, results: [] },
  { title: 'Clinical Safety Officer (DCB0129/DCB0160)', subject: null, level: null, results: [] },
  { title: 'Cyber Security Leadership Certificate', subject: null, level: null, results: [] },
  { title: 'PRINCE2 Practitioner', subject: null, level: null, results: [] },
]; // prettier-ignore

export const REGISTRATIONS: Award[] = [
  { title: 'Fellow of the Faculty of Clinical Informatics', subject: null, level: null, results: [] },
  { title: 'Chartered IT Professional (CITP)', subject: null, level: null, results: [] },
  { title: 'Member of the Faculty of Clinical Informatics', subject: null, level: null, results: [] },
]; // prettier-ignore

export const ORGANISATION_KINDS = [
  'NHS Foundation Trust',
  'Teaching Hospitals NHS Trust',
  'Integrated Care Board',
  'Community Health NHS Trust',
  'Mental Health NHS Foundation Trust',
];
export const ORGANISATION_PLACES = PLACES;

/** [value, weight] lists: the proportions of the generated register. */
export type Weighted<T> = readonly (readonly [T, number])[];

export const REGISTER_STATUSES: Weighted<string> = [
  ['registered', 93],
  ['registered-with-conditions', 1.5],
  ['suspended', 1],
  ['lapsed', 3.5],
  ['removed', 1],
];
export const STATUS_REASONS: Record<string, string> = {
  'registered-with-conditions': 'Conditions set by the registrar after a review',
  suspended: 'Suspended while the registrar investigates a complaint',
  lapsed: 'Annual renewal not completed',
  removed: 'Removed following a fitness-to-practise decision',
};
export const CONDITIONS = [
  'Must not act as senior information risk owner without supervision',
  'Must complete clinical safety training (DCB0129/DCB0160) by the review date',
  'Must work under the supervision of a certified CIO for twelve months',
];

export const ROLES: Weighted<string> = [
  ['CIO', 25],
  ['CCIO', 20],
  ['CNIO', 12],
  ['CMIO', 8],
  ['CDO', 15],
  ['CTO', 12],
  ['CAHPIO', 8],
];

/** How many credentials someone not keeping up a role holds (appointees get theirs apart): with
 *  them, about 2 per practitioner on average. */
export const CREDENTIAL_COUNTS: Weighted<number> = [
  [0, 15],
  [1, 35],
  [2, 35],
  [3, 12],
  [4, 3],
];
export const LATER_KINDS: Weighted<'degree' | 'certificate' | 'cpd' | 'registration'> = [
  ['certificate', 45],
  ['cpd', 30],
  ['degree', 15],
  ['registration', 10],
];
export const PROVENANCES: Weighted<'issued' | 'confirmed-by-awarding-body' | 'document-checked'> = [
  ['issued', 82],
  ['confirmed-by-awarding-body', 12],
  ['document-checked', 6],
];
/** Stored statuses; "expired" is derived from valid_until, as the app does. */
export const CREDENTIAL_STATUSES: Weighted<'active' | 'suspended' | 'revoked'> = [
  ['active', 95.5],
  ['suspended', 2],
  ['revoked', 2.5],
];
export const STANDALONE_CLAIMS: Weighted<'none' | 'pending' | 'rejected' | 'withdrawn'> = [
  ['none', 88.5],
  ['pending', 8],
  ['rejected', 3],
  ['withdrawn', 0.5],
];
export const OTHER_REGISTRATIONS: Weighted<'GMC' | 'NMC' | 'HCPC' | 'GPhC'> = [
  ['GMC', 40],
  ['NMC', 35],
  ['HCPC', 15],
  ['GPhC', 10],
];
