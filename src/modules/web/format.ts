const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** `2024-05-17` (or a timestamp) → `17 May 2024`, the GOV.UK / NHS.UK date style; '' when unreadable. */
export function formatDate(value: unknown): string {
  const iso = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : '';
  const match = ISO_DATE.exec(iso);
  if (!match) return '';
  const [, year, month, day] = match;
  const name = MONTHS[Number(month) - 1];
  return name ? `${Number(day)} ${name} ${year}` : '';
}

/** A timestamp → `17 May 2024 at 14:05 UTC`. */
export function formatDateTime(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  const time = date.toISOString().slice(11, 16);
  return `${formatDate(date.toISOString())} at ${time} UTC`;
}

/** Today as YYYY-MM-DD in UTC, the register's day boundary. */
export const todayIso = () => new Date().toISOString().slice(0, 10);
