import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TrustKeyError } from './trust-errors.js';

export const KEY_ENCRYPTION_KEY = Symbol('KEY_ENCRYPTION_KEY');

/**
 * The configured key-encryption key, or for a laptop run a random one kept under the data
 * directory (mode 0600) so the signing keys survive a restart. Production refuses to start
 * without KEY_ENCRYPTION_KEY (env validation), and this refuses again in case that is bypassed.
 */
export function resolveKek(
  configured: string | undefined,
  dataDir: string,
  production: boolean,
): Buffer {
  if (configured) return decode(configured, 'KEY_ENCRYPTION_KEY');
  if (production) {
    throw new TrustKeyError('TRUST.KEK_MISSING', 'KEY_ENCRYPTION_KEY is required in production.');
  }
  const file = path.join(dataDir, 'secrets', 'kek');
  if (fs.existsSync(file)) return decode(fs.readFileSync(file, 'utf8').trim(), file);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const kek = randomBytes(32);
  fs.writeFileSync(file, kek.toString('base64'), { mode: 0o600 });
  new Logger('Trust').warn(
    `KEY_ENCRYPTION_KEY is not set: generated one in ${file} (set KEY_ENCRYPTION_KEY in production)`,
  );
  return kek;
}

function decode(value: string, source: string): Buffer {
  const kek = Buffer.from(value, 'base64');
  if (kek.length !== 32) {
    throw new TrustKeyError('TRUST.KEK_INVALID', `${source} must be base64 of 32 bytes.`);
  }
  return kek;
}
