import { ValidationError } from '../../common/errors/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The credentials list's `next`: the last credential shown, opaque to clients. */
export const encodeCredentialCursor = (id: string): string =>
  Buffer.from(`c:${id}`).toString('base64url');

export function decodeCredentialCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith('c:') ? decoded.slice(2) : '';
  if (!UUID.test(id))
    throw new ValidationError(
      'CREDENTIAL.CURSOR_INVALID',
      'cursor is not one this list gave out.',
      [{ field: 'cursor', message: 'use the `next` value of a previous page as it is' }],
    );
  return id;
}
