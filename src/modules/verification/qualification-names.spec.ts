import { bodyWords, subjectWordsOfTitle, titleWords } from './qualification-names.js';

const sorted = (words: string[]): string => [...words].sort().join(' ');

describe(titleWords.name, () => {
  it.each([
    ['MSc Health Informatics', 'Master of Science in Health Informatics'],
    ['M.Sc. Health Informatics', 'MSc Health Informatics'],
    ['PhD', 'Doctor of Philosophy'],
    ['DPhil', 'PhD'],
    ['PGCert Clinical Leadership', 'Postgraduate Certificate in Clinical Leadership'],
    ['PG Dip Digital Health', 'Postgraduate Diploma in Digital Health'],
    ['BSc (Hons) Nursing', 'Bachelor of Science Nursing'],
    ['MBA', 'Master of Business Administration'],
    ['BA History', 'Bachelor of Arts (History)'],
    ['MA English', 'Master of Arts in English'],
    ['MPhil', 'Master of Philosophy'],
  ])('should read %s and %s alike', (a, b) => {
    expect(sorted(titleWords(a))).toBe(sorted(titleWords(b)));
  });

  it('should keep different awards apart', () => {
    expect(sorted(titleWords('MSc Nursing'))).not.toBe(sorted(titleWords('MA Nursing')));
    expect(sorted(titleWords('MPhil'))).not.toBe(sorted(titleWords('PhD')));
  });
});

describe(subjectWordsOfTitle.name, () => {
  it('should take the award away', () => {
    expect(subjectWordsOfTitle('Master of Science in Health Informatics')).toEqual([
      'health',
      'informatics',
    ]);
  });
});

describe(bodyWords.name, () => {
  it.each([
    ['University of Manchester', 'Manchester University'],
    ['Univ. of Manchester', 'The University of Manchester'],
    ['Imperial College London', 'Imperial College'],
    ["King's College London", 'Kings College'],
    ['KCL', "King's College London"],
    ['UCL', 'University College London'],
    ['Université de Paris', 'Universite de Paris'],
    [
      'London School of Hygiene & Tropical Medicine',
      'London School of Hygiene and Tropical Medicine',
    ],
    ['St Andrews University', 'University of Saint Andrews'],
  ])('should read %s and %s alike', (a, b) => {
    expect(sorted(bodyWords(a))).toBe(sorted(bodyWords(b)));
  });

  it('should not drop London when the rest names no one body', () => {
    expect(bodyWords('University College London')).toContain('london');
  });
});
