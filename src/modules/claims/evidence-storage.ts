import { Inject, Injectable } from '@nestjs/common';
import { fileTypeFromFile } from 'file-type';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { storageConfig, type StorageConfig } from '../../config/configuration.js';
import { EvidenceRejectedError } from './claim.errors.js';

export const ALLOWED_TYPES = new Map([
  ['application/pdf', 'pdf'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
]);

export interface StoredFile {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

/** Evidence files on disk under the storage directory, typed from their bytes, never their name. */
@Injectable()
export class EvidenceStorage {
  constructor(@Inject(storageConfig.KEY) private readonly config: StorageConfig) {}

  async save(
    practitionerId: string,
    stream: Readable & { truncated?: boolean },
  ): Promise<StoredFile> {
    const storageKey = path.join(practitionerId, randomUUID());
    const target = this.resolve(storageKey);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    const hash = createHash('sha256');
    let sizeBytes = 0;
    stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      sizeBytes += chunk.length;
    });
    try {
      await pipeline(stream, fs.createWriteStream(target, { mode: 0o600 }));
      if (stream.truncated || sizeBytes > this.config.maxUploadBytes) {
        throw new EvidenceRejectedError(
          'EVIDENCE.TOO_LARGE',
          413,
          `The file is larger than ${this.config.maxUploadBytes / 1024 / 1024} MB.`,
        );
      }
      if (sizeBytes === 0)
        throw new EvidenceRejectedError('EVIDENCE.EMPTY', 415, 'The file is empty.');
      const type = await fileTypeFromFile(target);
      if (!type || !ALLOWED_TYPES.has(type.mime)) {
        throw new EvidenceRejectedError(
          'EVIDENCE.TYPE_NOT_ALLOWED',
          415,
          'Only PDF, PNG and JPEG files are accepted (judged by their contents).',
        );
      }
      return { storageKey, sha256: hash.digest('hex'), sizeBytes, mediaType: type.mime };
    } catch (error) {
      this.remove(storageKey);
      throw error;
    }
  }

  open(storageKey: string): fs.ReadStream {
    return fs.createReadStream(this.resolve(storageKey));
  }

  remove(storageKey: string): void {
    fs.rmSync(this.resolve(storageKey), { force: true });
  }

  private resolve(storageKey: string): string {
    const full = path.resolve(this.config.dir, storageKey);
    if (!full.startsWith(path.resolve(this.config.dir) + path.sep))
      throw new Error('Storage key escapes the storage directory');
    return full;
  }
}
