import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const JWT_SECRET = Symbol('JWT_SECRET');

/**
 * The configured secret, or for a laptop run a random one kept under the data directory so tokens
 * survive a restart. Production refuses to start without JWT_SECRET (see env validation).
 */
export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secrets', 'jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  new Logger('Auth').warn(
    `JWT_SECRET is not set: generated one in ${file} (set JWT_SECRET in production)`,
  );
  return secret;
}
