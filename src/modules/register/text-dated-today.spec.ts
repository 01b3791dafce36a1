import { textDatedToday } from './public-entry.service.js';

describe(textDatedToday.name, () => {
  // As PostgreSQL prints a stored jsonb document: a space after each colon and comma.
  const stored =
    '{"asOf": "2026-01-01", "roles": [{"asOf": "2026-01-01", "role": "CIO"}], ' +
    '"credentials": [{"title": "Notes on \\"asOf\\": \\"2020-02-02\\"", "awardedOn": "2026-01-01"}]}';

  it('should move every asOf to today and nothing else', () => {
    const dated = JSON.parse(textDatedToday(stored, '2026-12-02')) as Record<string, unknown>;
    expect(dated).toEqual({
      asOf: '2026-12-02',
      roles: [{ asOf: '2026-12-02', role: 'CIO' }],
      credentials: [{ title: 'Notes on "asOf": "2020-02-02"', awardedOn: '2026-01-01' }],
    });
  });
});
