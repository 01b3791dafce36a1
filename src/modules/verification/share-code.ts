import { randomBytes as cryptoRandomBytes } from 'node:crypto';

/** Upper-case letters and digits without look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B): 25 symbols. */
export const SHARE_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const SHARE_CODE_LENGTH = 9;

export type RandomBytes = (size: number) => Uint8Array;

// The largest multiple of the alphabet size below 256; bytes at or above it are thrown away so
// every symbol is equally likely.
const ACCEPT_BELOW = 256 - (256 % SHARE_CODE_ALPHABET.length);

/** A new code formatted `XXX-XXX-XXX` (about 41.8 bits). */
export function generateShareCode(randomBytes: RandomBytes = cryptoRandomBytes): string {
  let code = '';
  while (code.length < SHARE_CODE_LENGTH) {
    for (const byte of randomBytes(SHARE_CODE_LENGTH * 2)) {
      if (byte >= ACCEPT_BELOW) continue;
      code += SHARE_CODE_ALPHABET[byte % SHARE_CODE_ALPHABET.length];
      if (code.length === SHARE_CODE_LENGTH) break;
    }
  }
  return formatShareCode(code);
}

// Separators people type or paste: spaces and hyphen-like dashes. Nothing else is forgiven.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;
const VALID = new RegExp(`^[${SHARE_CODE_ALPHABET}]{${SHARE_CODE_LENGTH}}$`);

/** The 9 symbols of a typed code, or null when it is not a well-formed code. */
export function normaliseShareCode(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const code = input.replace(SEPARATORS, '').toUpperCase();
  return VALID.test(code) ? code : null;
}

/** `XXX-XXX-XXX`; throws RangeError for something that is not a code (a programming error). */
export function formatShareCode(code: string): string {
  const normalised = normaliseShareCode(code);
  if (normalised === null) throw new RangeError('Not a share code');
  return `${normalised.slice(0, 3)}-${normalised.slice(3, 6)}-${normalised.slice(6)}`;
}
