import { csvField } from '../open-data/snapshot-rows.js';
import type { BulkCheckLine } from './bulk-checks.service.js';

export const REPORT_CSV_HEADER =
  'row,registerNumber,outcome,reference,receiptUrl,differences,code,errors\r\n';

interface Field {
  field: string;
  claimed: unknown;
  recorded: unknown;
  match: string;
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** The fields that did not simply match, in words: what a reader of the CSV needs to follow up. */
function differences(fields: unknown): string {
  if (!Array.isArray(fields)) return '';
  return (fields as Field[])
    .filter((f) => !['exact', 'equivalent', 'not-claimed'].includes(f.match))
    .map((f) => `${f.field}: ${f.match} (claimed ${text(f.claimed)}; recorded ${text(f.recorded)})`)
    .join('; ');
}

export async function* asNdjson(lines: AsyncIterable<BulkCheckLine>): AsyncGenerator<string> {
  for await (const line of lines) {
    if ('summary' in line) yield `${JSON.stringify({ summary: line.summary })}\n`;
    else yield `${JSON.stringify(line)}\n`;
  }
}

/** The report as CSV for a spreadsheet; its last line is the summary. */
export async function* asCsv(lines: AsyncIterable<BulkCheckLine>): AsyncGenerator<string> {
  yield REPORT_CSV_HEADER;
  for await (const line of lines) {
    if ('summary' in line) {
      const s = line.summary as Record<string, unknown>;
      const counts = ['rows', 'checked', 'repeated', 'refused']
        .map((k) => `${k} ${text(s[k])}`)
        .join('; ');
      yield `${['summary', '', '', '', '', counts, '', text(s.error)].map(csvField).join(',')}\r\n`;
      continue;
    }
    const errors = Array.isArray(line.errors)
      ? (line.errors as { field: string; message: string }[])
          .map((e) => `${e.field}: ${e.message}`)
          .join('; ')
      : '';
    yield `${[
      String(line.row),
      text(line.registerNumber),
      text(line.outcome),
      text(line.reference),
      text(line.receiptUrl),
      differences(line.fields),
      text(line.code),
      errors,
    ]
      .map(csvField)
      .join(',')}\r\n`;
  }
}
