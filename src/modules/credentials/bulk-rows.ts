import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import streamArray from 'stream-json/streamers/stream-array.js';
import { AppError, ValidationError } from '../../common/errors/app-error.js';

export type RawRow = Record<string, unknown>;

const CSV_COLUMNS = new Set([
  'registerNumber',
  'registrationBody',
  'registrationNumber',
  'kind',
  'title',
  'subject',
  'level',
  'result',
  'cpdHours',
  'awardedOn',
  'validUntil',
  'issuerReference',
]);
const NUMERIC = new Set(['level', 'cpdHours']);

class UnsupportedFileError extends AppError {
  constructor() {
    super(
      'BULK.UNSUPPORTED_MEDIA_TYPE',
      415,
      'Unsupported media type',
      'Send the file as text/csv or as an application/json array.',
    );
  }
}

/** Turns a CSV line's strings into the shape a JSON row has (numbers, a registration object, no blanks). */
function fromCsv(record: Record<string, string>, numeric: ReadonlySet<string>): RawRow {
  const row: RawRow = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === '' || key === 'registrationBody' || key === 'registrationNumber') continue;
    row[key] = numeric.has(key) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  if (record.registrationBody || record.registrationNumber) {
    row.registration = {
      body: record.registrationBody ?? '',
      number: record.registrationNumber ?? '',
    };
  }
  return row;
}

/**
 * The rows of a streamed bulk file, one at a time, whatever its size. Other bulk routes pass the
 * CSV columns they accept and which of them are numbers.
 */
export function readRows(
  contentType: string,
  body: unknown,
  columns: ReadonlySet<string> = CSV_COLUMNS,
  numeric: ReadonlySet<string> = NUMERIC,
): AsyncIterator<RawRow> {
  if (!(body instanceof Readable)) throw new UnsupportedFileError();
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') {
    const parser = body.pipe(
      parse({
        columns: true,
        bom: true,
        trim: true,
        skip_empty_lines: true,
        max_record_size: 64 * 1024,
      }),
    );
    body.on('error', (e) => parser.destroy(e));
    return csvRows(parser, columns, numeric);
  }
  if (type === 'application/json') {
    const parser = body.pipe(streamArray.withParserAsStream());
    body.on('error', (e) => parser.destroy(e));
    return jsonRows(parser);
  }
  throw new UnsupportedFileError();
}

async function* csvRows(
  parser: AsyncIterable<Record<string, string>>,
  columns: ReadonlySet<string>,
  numeric: ReadonlySet<string>,
): AsyncGenerator<RawRow> {
  let first = true;
  for await (const record of parser) {
    if (first) {
      const unknown = Object.keys(record).filter((c) => !columns.has(c));
      if (unknown.length) {
        throw new ValidationError(
          'BULK.UNKNOWN_COLUMNS',
          `Unknown column(s): ${unknown.join(', ')}.`,
          unknown.map((field) => ({ field, message: 'unknown column' })),
        );
      }
      first = false;
    }
    yield fromCsv(record, numeric);
  }
}

async function* jsonRows(
  parser: AsyncIterable<{ key: number; value: unknown }>,
): AsyncGenerator<RawRow> {
  for await (const { value } of parser) {
    yield value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as RawRow)
      : { __notAnObject: true };
  }
}

/** Wraps a parse failure of the file itself as a 400 naming the problem. */
export function fileError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : 'unreadable file';
  return new ValidationError('BULK.MALFORMED_FILE', `The file could not be read: ${message}`);
}
