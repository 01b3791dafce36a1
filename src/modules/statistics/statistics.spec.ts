import { SUPPRESS_BELOW, summarise } from './statistics.js';

describe(summarise.name, () => {
  const roles = [
    { code: 'CIO', title: 'Chief Information Officer' },
    { code: 'CTO', title: 'Chief Technology Officer' },
  ];

  it('should count per role, route and year, withholding counts under the threshold', () => {
    const stats = summarise(
      [
        { role: 'CIO', route: 'qualification', year: '2024', count: 12 },
        { role: 'CIO', route: 'assessed-portfolio', year: '2024', count: 3 },
        { role: 'CIO', route: 'qualification', year: '2025', count: 9 },
      ],
      roles,
    );
    expect(SUPPRESS_BELOW).toBe(10);
    expect(stats[0]).toEqual({
      role: 'CIO',
      title: 'Chief Information Officer',
      certified: 24,
      byRoute: [
        { key: 'assessed-portfolio', count: null },
        { key: 'qualification', count: 21 },
      ],
      byYear: [
        { key: '2024', count: 15 },
        { key: '2025', count: null },
      ],
    });
    expect(stats[1]).toEqual({
      role: 'CTO',
      title: 'Chief Technology Officer',
      certified: null,
      byRoute: [],
      byYear: [],
    });
  });
});
