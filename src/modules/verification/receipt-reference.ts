import { randomFillSync } from 'node:crypto';
import { SHARE_CODE_ALPHABET, type RandomBytes } from './share-code.js';

const LENGTH = 12;
const ACCEPT_BELOW = 256 - (256 % SHARE_CODE_ALPHABET.length);

// Every claim check makes a reference: one call into the CSPRNG per 4 KiB instead of one per
// reference (a synchronous randomBytes call was about 2% of a check's CPU). Each byte is used once.
const pool = Buffer.alloc(4096);
let used = pool.length;
function pooledRandomBytes(size: number): Uint8Array {
  if (used + size > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + size);
  used += size;
  return bytes;
}

/**
 * `VR-XXXX-XXXX-XXXX`: 12 symbols of the share-code alphabet (no look-alikes), about 55.7 bits,
 * so a reference can be read over the phone but not guessed.
 */
export function generateReceiptReference(randomBytes: RandomBytes = pooledRandomBytes): string {
  let body = '';
  while (body.length < LENGTH) {
    for (const byte of randomBytes(LENGTH * 2)) {
      if (byte >= ACCEPT_BELOW) continue;
      body += SHARE_CODE_ALPHABET[byte % SHARE_CODE_ALPHABET.length];
      if (body.length === LENGTH) break;
    }
  }
  return `VR-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
}

const VALID = new RegExp(`^VR([${SHARE_CODE_ALPHABET}]{${LENGTH}})$`);

/** The canonical reference for what someone typed, or null when it cannot be one. */
export function normaliseReceiptReference(input: string): string | null {
  const match = VALID.exec(input.replace(/[\s\-\u2010-\u2015\u2212]/g, '').toUpperCase());
  if (!match) return null;
  const body = match[1];
  return `VR-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
}
