import { AppError } from '../errors/app-error.js';

/**
 * Stable codes for the body parsers' errors (JSON size, multipart limits and syntax), so a client
 * can tell "too many parts" from "file too large" without reading the message.
 */
const BY_CODE: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'REQUEST.TOO_LARGE', 'The request body is too large.'],
  FST_REQ_FILE_TOO_LARGE: [413, 'REQUEST.FILE_TOO_LARGE', 'The uploaded file is too large.'],
  FST_PARTS_LIMIT: [413, 'REQUEST.TOO_MANY_PARTS', 'The form has too many parts.'],
  FST_FILES_LIMIT: [413, 'REQUEST.TOO_MANY_PARTS', 'The form has too many files.'],
  FST_FIELDS_LIMIT: [413, 'REQUEST.TOO_MANY_PARTS', 'The form has too many fields.'],
  FST_PROTO_VIOLATION: [400, 'REQUEST.MALFORMED_MULTIPART', 'A form field name is not allowed.'],
  FST_MP_PREMATURE_CLOSE: [400, 'REQUEST.MALFORMED_MULTIPART', 'The form ended early.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [
    415,
    'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    'Send the form as multipart/form-data.',
  ],
  FST_INVALID_JSON_FIELD_ERROR: [
    400,
    'REQUEST.MALFORMED_MULTIPART',
    'A form field declared as JSON is not valid JSON.',
  ],
};

// The multipart parser (busboy) raises plain errors, without a code, for a malformed body.
const MALFORMED_MULTIPART =
  /^(Unexpected end of (multipart data|form)|Malformed (part header|urlencoded form)|Multipart: Boundary not found|Part terminated early|Missing Content-Type|Unsupported content type|Malformed content type|Unexpected end of file)/;

/** The problem for an error raised while reading a request body, or undefined if it is not one. */
export function requestBodyError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const known = typeof code === 'string' ? BY_CODE[code] : undefined;
  if (known) return new AppError(known[1], known[0], titleOf(known[0]), known[2]);
  if (typeof message === 'string' && MALFORMED_MULTIPART.test(message))
    return new AppError(
      'REQUEST.MALFORMED_MULTIPART',
      400,
      'Invalid request',
      'The multipart/form-data body is malformed.',
    );
  return undefined;
}

const titleOf = (status: number) =>
  status === 413
    ? 'Payload too large'
    : status === 415
      ? 'Unsupported media type'
      : 'Invalid request';
