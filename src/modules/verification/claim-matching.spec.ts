import {
  compareAwardingBody,
  compareClaim,
  findBestMatch,
  type ClaimAsked,
  type FieldComparison,
  type RecordFacts,
} from './claim-matching.js';

const mscRecord: RecordFacts = {
  kind: 'degree',
  title: 'Master of Science',
  awardingBody: 'The University of Manchester',
  awardingBodyAliases: ['Victoria University of Manchester'],
  subject: 'Health Informatics',
  level: 7,
  result: 'Distinction',
  awardedOn: '2014-07-15',
};

const bscRecord: RecordFacts = {
  kind: 'degree',
  title: 'BSc (Hons) Computer Science',
  awardingBody: 'University of Leeds',
  subject: 'Computer Science',
  level: 6,
  result: 'Lower Second Class Honours',
  awardedOn: '2009-06-30',
};

const matchOf = (fields: FieldComparison[], field: FieldComparison['field']): string | undefined =>
  fields.find((f) => f.field === field)?.match;

describe(compareClaim.name, () => {
  it('should mark literally equal fields exact and the whole claim matching', () => {
    const asked: ClaimAsked = {
      kind: 'degree',
      title: 'Master of Science',
      awardingBody: 'The University of Manchester',
      subject: 'Health Informatics',
      level: 7,
      result: 'Distinction',
      awardedYear: 2014,
    };
    const result = compareClaim(asked, mscRecord);
    expect(result.fields.map((f) => f.match)).toEqual(Array(7).fill('exact'));
    expect(result.allMatch).toBe(true);
    expect(result.score).toBe(1);
  });

  it('should mark fields equal only after normalisation equivalent', () => {
    const result = compareClaim(
      {
        kind: 'degree',
        title: 'M.Sc. Health Informatics',
        awardingBody: 'Manchester Univ.',
        subject: 'health & informatics',
        result: 'with distinction',
        awardedYear: 2014,
      },
      mscRecord,
    );
    expect(matchOf(result.fields, 'title')).toBe('equivalent');
    expect(matchOf(result.fields, 'awardingBody')).toBe('equivalent');
    expect(matchOf(result.fields, 'subject')).toBe('equivalent');
    expect(matchOf(result.fields, 'result')).toBe('equivalent');
    expect(matchOf(result.fields, 'level')).toBe('not-claimed');
    expect(result.allMatch).toBe(true);
  });

  it('should call a 2:1 claimed against a 2:2 a mismatch', () => {
    const result = compareClaim(
      {
        kind: 'degree',
        title: 'BSc Computer Science',
        awardingBody: 'Leeds University',
        result: '2:1',
        awardedYear: 2009,
      },
      bscRecord,
    );
    expect(matchOf(result.fields, 'title')).toBe('equivalent');
    expect(result.fields.find((f) => f.field === 'result')).toEqual({
      field: 'result',
      claimed: '2:1',
      recorded: 'Lower Second Class Honours',
      match: 'mismatch',
    });
    expect(result.allMatch).toBe(false);
    expect(result.score).toBeLessThan(1);
    expect(result.score).toBeGreaterThan(0.5);
  });

  it('should read a title that names the award twice as the same title', () => {
    const result = compareClaim(
      { kind: 'degree', title: 'MSc', awardingBody: 'University of Manchester' },
      { ...mscRecord, title: 'Master of Science (MSc)' },
    );
    expect(matchOf(result.fields, 'title')).toBe('equivalent');
  });

  it('should call a wrong year a mismatch', () => {
    const result = compareClaim(
      { kind: 'degree', title: 'MSc', awardingBody: 'University of Manchester', awardedYear: 2013 },
      mscRecord,
    );
    expect(result.fields.find((f) => f.field === 'awardedYear')).toMatchObject({
      claimed: 2013,
      recorded: 2014,
      match: 'mismatch',
    });
    expect(result.allMatch).toBe(false);
  });

  it('should not count a claimed detail the record lacks as borne out', () => {
    const result = compareClaim(
      {
        kind: 'degree',
        title: 'MSc Health Informatics',
        awardingBody: 'University of Manchester',
        result: 'Merit',
      },
      { ...mscRecord, result: null },
    );
    expect(matchOf(result.fields, 'result')).toBe('not-recorded');
    expect(result.allMatch).toBe(false);
  });

  it('should call a different level or kind a mismatch', () => {
    const result = compareClaim(
      { kind: 'certificate', title: 'MSc', awardingBody: 'University of Manchester', level: 8 },
      mscRecord,
    );
    expect(matchOf(result.fields, 'kind')).toBe('mismatch');
    expect(matchOf(result.fields, 'level')).toBe('mismatch');
  });

  it('should tolerate a small typo in the body name and diacritics', () => {
    const result = compareClaim(
      { kind: 'degree', title: 'MSc', awardingBody: 'Universty of Manchster' },
      mscRecord,
    );
    expect(matchOf(result.fields, 'awardingBody')).toBe('equivalent');
  });
});

describe(compareAwardingBody.name, () => {
  it('should accept a former name the register holds', () => {
    expect(compareAwardingBody('Victoria University of Manchester', mscRecord)).toBe('equivalent');
  });

  it('should accept Imperial College for Imperial College London', () => {
    const record = {
      ...mscRecord,
      awardingBody: 'Imperial College London',
      awardingBodyAliases: [],
    };
    expect(compareAwardingBody('Imperial College', record)).toBe('equivalent');
    expect(compareAwardingBody('imperial college london', record)).toBe('equivalent');
  });

  it('should keep similarly named bodies apart', () => {
    const york = { ...mscRecord, awardingBody: 'University of York', awardingBodyAliases: [] };
    expect(compareAwardingBody('University of Cork', york)).toBe('mismatch');
    expect(compareAwardingBody('Manchester Metropolitan University', mscRecord)).toBe('mismatch');
    const oxford = { ...mscRecord, awardingBody: 'University of Oxford', awardingBodyAliases: [] };
    expect(compareAwardingBody('Oxford Brookes University', oxford)).toBe('mismatch');
  });
});

describe(findBestMatch.name, () => {
  const records: RecordFacts[] = [bscRecord, mscRecord];

  it('should pick the record that is the claimed qualification', () => {
    const best = findBestMatch(
      {
        kind: 'degree',
        title: 'Master of Science in Health Informatics',
        awardingBody: 'Manchester University',
      },
      records,
    );
    expect(best?.record).toBe(mscRecord);
    expect(best?.index).toBe(1);
    expect(best?.comparison.allMatch).toBe(true);
  });

  it('should return null when the body differs even if everything else matches', () => {
    expect(
      findBestMatch(
        {
          kind: 'degree',
          title: 'MSc Health Informatics',
          awardingBody: 'University of Salford',
          awardedYear: 2014,
        },
        records,
      ),
    ).toBeNull();
  });

  it('should return null for a different course at the same body', () => {
    expect(
      findBestMatch(
        { kind: 'degree', title: 'MBA', awardingBody: 'University of Manchester' },
        records,
      ),
    ).toBeNull();
    expect(
      findBestMatch(
        {
          kind: 'degree',
          title: 'MSc Digital Leadership',
          awardingBody: 'University of Manchester',
        },
        records,
      ),
    ).toBeNull();
  });

  it('should return null for another kind of credential', () => {
    expect(
      findBestMatch(
        {
          kind: 'certificate',
          title: 'MSc Health Informatics',
          awardingBody: 'University of Manchester',
        },
        records,
      ),
    ).toBeNull();
  });

  it('should match an inflated claim (higher award, same subject) with its mismatches shown', () => {
    const best = findBestMatch(
      {
        kind: 'degree',
        title: 'MSc Computer Science',
        awardingBody: 'University of Leeds',
        result: 'Distinction',
      },
      records,
    );
    expect(best?.record).toBe(bscRecord);
    expect(matchOf(best?.comparison.fields ?? [], 'title')).toBe('mismatch');
    expect(best?.comparison.allMatch).toBe(false);
  });

  it('should prefer the closer of two records of the same qualification', () => {
    const resit = { ...bscRecord, result: 'Upper Second Class Honours', awardedOn: '2008-06-30' };
    const best = findBestMatch(
      {
        kind: 'degree',
        title: 'BSc Computer Science',
        awardingBody: 'University of Leeds',
        result: '2:1',
      },
      [bscRecord, resit],
    );
    expect(best?.record).toBe(resit);
  });

  it('should return null for no records', () => {
    expect(findBestMatch({ kind: 'degree', title: 'PhD', awardingBody: 'UCL' }, [])).toBeNull();
  });
});
