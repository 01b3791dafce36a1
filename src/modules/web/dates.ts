/** Reads an NHS.UK date input (day, month, year fields) into YYYY-MM-DD, or says what is wrong. */
export type DateParts = { day: string; month: string; year: string };

export type DateRead =
  { ok: true; value: string } | { ok: false; message: string } | { ok: 'empty' };

export function readDateParts(parts: DateParts, label: string): DateRead {
  const { day, month, year } = parts;
  if (!day && !month && !year) return { ok: 'empty' };
  if (!day || !month || !year)
    return { ok: false, message: `${label} must include a day, month and year` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { ok: false, message: `${label} must be a real date` };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return { ok: false, message: `${label} must be a real date` };
  }
  return { ok: true, value: iso };
}

export function isoToParts(iso: string): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match
    ? { year: match[1] ?? '', month: String(Number(match[2])), day: String(Number(match[3])) }
    : { day: '', month: '', year: '' };
}
