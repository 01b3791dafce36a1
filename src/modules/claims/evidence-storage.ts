import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { storageConfig, type StorageConfig } from '../../config/configuration.js';
import { StartupTasksService } from '../health/startup-tasks.service.js';
import { EvidenceRejectedError } from './claim.errors.js';
import { S3EvidenceStore, writeTo } from './evidence-s3.js';

export const ALLOWED_TYPES = new Map([
  ['application/pdf', 'pdf'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
]);

/** Bytes per stored piece: big enough for few rows, small enough never to hold a file whole. */
export const EVIDENCE_CHUNK_BYTES = 256 * 1024;
/** What file-type needs to recognise PDF, PNG and JPEG from their first bytes. */
const SNIFF_BYTES = 4100;

/** Storage keys of evidence kept in S3 start with this; the rest are in evidence_chunks. */
export const S3_KEY = 's3:';

interface Sink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

export interface StoredFile {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

/**
 * Evidence files in PostgreSQL (`evidence_chunks`), or in an S3-compatible bucket when
 * EVIDENCE_S3_BUCKET is set, streamed in and out a piece at a time, typed from their bytes, never
 * their name. The database keeps every file's metadata. Every instance serves every upload.
 */
@Injectable()
export class EvidenceStorage implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EvidenceStorage.name);
  /** Set when EVIDENCE_S3_BUCKET is: new uploads go there, and their keys start with `s3:`. */
  private readonly s3?: S3EvidenceStore;

  constructor(
    @Inject(storageConfig.KEY) private readonly config: StorageConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly startup: StartupTasksService,
  ) {
    if (config.s3) this.s3 = new S3EvidenceStore(config.s3);
  }

  onApplicationBootstrap(): void {
    this.startup.track('evidence import', this.importFromDisk());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.s3?.close();
  }

  async save(
    practitionerId: string,
    stream: Readable & { truncated?: boolean },
  ): Promise<StoredFile> {
    const name = `${practitionerId}/${randomUUID()}`;
    const storageKey = this.s3 ? `${S3_KEY}${name}` : name;
    try {
      const written = await this.write(await this.sinkFor(storageKey), stream);
      if (stream.truncated || written.sizeBytes > this.config.maxUploadBytes) {
        throw new EvidenceRejectedError(
          'EVIDENCE.TOO_LARGE',
          413,
          `The file is larger than ${this.config.maxUploadBytes / 1024 / 1024} MB.`,
        );
      }
      if (written.sizeBytes === 0)
        throw new EvidenceRejectedError('EVIDENCE.EMPTY', 415, 'The file is empty.');
      // Imported on the first upload, not at start-up (see docs/PERFORMANCE.md).
      const { fileTypeFromBuffer } = await import('file-type');
      const type = await fileTypeFromBuffer(written.head);
      if (!type || !ALLOWED_TYPES.has(type.mime)) {
        throw new EvidenceRejectedError(
          'EVIDENCE.TYPE_NOT_ALLOWED',
          415,
          'Only PDF, PNG and JPEG files are accepted (judged by their contents).',
        );
      }
      return {
        storageKey,
        sha256: written.sha256,
        sizeBytes: written.sizeBytes,
        mediaType: type.mime,
      };
    } catch (error) {
      stream.resume();
      await this.remove(storageKey).catch((failure: unknown) =>
        this.logger.error(`Evidence ${storageKey} left behind: ${String(failure)}`),
      );
      throw error;
    }
  }

  /** The file's bytes, read from the database one piece at a time as the reader asks. */
  open(storageKey: string): Readable {
    if (storageKey.startsWith(S3_KEY)) return this.s3Store().open(storageKey.slice(S3_KEY.length));
    const dataSource = this.dataSource;
    return Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const rows = await dataSource.query<{ data: Buffer }[]>(
            `SELECT data FROM evidence_chunks WHERE storage_key = $1 AND seq = $2`,
            [storageKey, seq],
          );
          if (rows.length === 0) return;
          yield rows[0].data;
        }
      })(),
      { objectMode: false },
    );
  }

  async remove(storageKey: string): Promise<void> {
    if (storageKey.startsWith(S3_KEY)) {
      await this.s3Store().remove(storageKey.slice(S3_KEY.length));
      return;
    }
    await this.dataSource.query(`DELETE FROM evidence_chunks WHERE storage_key = $1`, [storageKey]);
  }

  /**
   * Copies evidence files from the storage directory of a version that kept them on disk into the
   * database, once: rows whose bytes are not in the database yet, and whose file is still there
   * with the recorded SHA-256. Idempotent and safe to run from several instances at once.
   */
  async importFromDisk(): Promise<number> {
    const missing = await this.dataSource.query<{ storage_key: string; sha256: string }[]>(
      `SELECT e.storage_key, e.sha256 FROM evidence e
        WHERE e.storage_key NOT LIKE '${S3_KEY}%'
          AND NOT EXISTS (SELECT 1 FROM evidence_chunks c WHERE c.storage_key = e.storage_key)`,
    );
    let imported = 0;
    for (const row of missing) {
      const file = path.resolve(this.config.dir, row.storage_key);
      if (!file.startsWith(path.resolve(this.config.dir) + path.sep) || !fs.existsSync(file)) {
        continue;
      }
      const written = await this.write(
        this.databaseSink(row.storage_key, true),
        fs.createReadStream(file),
      );
      if (written.sha256 !== row.sha256) {
        await this.remove(row.storage_key);
        this.logger.error(`Evidence ${row.storage_key}: the file on disk does not match its hash`);
        continue;
      }
      imported++;
    }
    if (imported > 0)
      this.logger.log(`Imported ${imported} evidence files from ${this.config.dir}`);
    return imported;
  }

  /** Streams into the store, hashing and keeping the first bytes as it goes; stops storing past the size limit. */
  private async write(
    sink: Sink,
    stream: Readable,
  ): Promise<{ sha256: string; sizeBytes: number; head: Buffer }> {
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const heads: Buffer[] = [];
    let headBytes = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) {
        heads.push(chunk);
        headBytes += chunk.length;
      }
      if (sizeBytes > this.config.maxUploadBytes) continue;
      await sink.write(chunk);
    }
    await sink.end();
    return {
      sha256: hash.digest('hex'),
      sizeBytes,
      head: Buffer.concat(heads).subarray(0, SNIFF_BYTES),
    };
  }

  /** A sink into the store that holds `storageKey`. */
  private async sinkFor(storageKey: string, skipExisting = false): Promise<Sink> {
    if (storageKey.startsWith(S3_KEY)) {
      const { sink, done } = await this.s3Store().upload(storageKey.slice(S3_KEY.length));
      return {
        write: (chunk) => writeTo(sink, chunk, done),
        end: async () => {
          sink.end();
          await done;
        },
      };
    }
    return this.databaseSink(storageKey, skipExisting);
  }

  /** Numbered pieces of EVIDENCE_CHUNK_BYTES in evidence_chunks. */
  private databaseSink(storageKey: string, skipExisting: boolean): Sink {
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await this.dataSource.query(
        `INSERT INTO evidence_chunks (storage_key, seq, data) VALUES ($1, $2, $3)` +
          (skipExisting ? ' ON CONFLICT DO NOTHING' : ''),
        [storageKey, seq++, Buffer.concat(pending)],
      );
      pending = [];
      pendingBytes = 0;
    };
    return {
      write: async (chunk) => {
        for (let at = 0; at < chunk.length;) {
          const piece = chunk.subarray(at, at + EVIDENCE_CHUNK_BYTES - pendingBytes);
          pending.push(piece);
          pendingBytes += piece.length;
          at += piece.length;
          if (pendingBytes >= EVIDENCE_CHUNK_BYTES) await flush();
        }
      },
      end: flush,
    };
  }

  private s3Store(): S3EvidenceStore {
    if (!this.s3) {
      throw new Error('This evidence is kept in S3, but EVIDENCE_S3_BUCKET is not set.');
    }
    return this.s3;
  }
}
