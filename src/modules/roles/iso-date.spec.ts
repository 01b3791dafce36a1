import { addDays, dayNumberToIsoDate, daysBetween, isoDateToDayNumber } from './iso-date.js';

describe(isoDateToDayNumber.name, () => {
  it('should count days from the UTC epoch', () => {
    expect(isoDateToDayNumber('1970-01-01')).toBe(0);
    expect(isoDateToDayNumber('1970-01-02')).toBe(1);
    expect(isoDateToDayNumber('1969-12-31')).toBe(-1);
    expect(isoDateToDayNumber('2024-02-29')).toBe(19782);
  });

  it.each([
    '',
    '2025-1-01',
    '2025-02-30',
    '2023-02-29',
    '2025-13-01',
    '2025-00-10',
    '20250101',
    'x',
  ])('should refuse %p', (input) => {
    expect(() => isoDateToDayNumber(input)).toThrow(RangeError);
  });
});

describe(dayNumberToIsoDate.name, () => {
  it('should round-trip', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2024-12-31', '2025-03-30']) {
      expect(dayNumberToIsoDate(isoDateToDayNumber(d))).toBe(d);
    }
  });
});

describe(addDays.name, () => {
  it('should cross month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31'); // UK clocks change; UTC is unaffected
    expect(addDays('2025-06-15', -364)).toBe('2024-06-16');
  });
});

describe(daysBetween.name, () => {
  it('should be signed whole days', () => {
    expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
    expect(daysBetween('2025-01-01', '2025-03-01')).toBe(59);
    expect(daysBetween('2025-03-01', '2025-01-01')).toBe(-59);
  });
});
