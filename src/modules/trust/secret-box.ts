import { Inject, Injectable } from '@nestjs/common';
import { KEY_ENCRYPTION_KEY } from './kek.js';
import { decryptPrivateKey, encryptPrivateKey } from './key-material.js';

/**
 * Small secrets the registry must read back (webhook signing secrets, the share-code key), sealed
 * under the KEK with AES-256-GCM. `context` (e.g. `watch-list:<id>`) binds a sealed value to its
 * row, so it cannot be copied onto another one.
 */
@Injectable()
export class SecretBox {
  constructor(@Inject(KEY_ENCRYPTION_KEY) private readonly kek: Buffer) {}

  seal(secret: string | Buffer, context: string): string {
    return sealSecret(secret, this.kek, context);
  }

  open(sealed: string, context: string): Buffer {
    return decryptPrivateKey(sealed, this.kek, context);
  }
}

export const sealSecret = (secret: string | Buffer, kek: Buffer, context: string): string =>
  encryptPrivateKey(
    typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret,
    kek,
    context,
  );

export const watchListContext = (id: string) => `watch-list:${id}`;
export const shareCodeKeyContext = (id: string) => `share-code-key:${id}`;
