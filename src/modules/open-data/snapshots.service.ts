import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { CompactSign } from 'jose';
import { NotFoundError } from '../../common/errors/app-error.js';
import { databaseConfig, type DatabaseConfig } from '../../config/configuration.js';
import { AuditProofsService } from '../audit/audit-proofs.service.js';
import { PublicEntryService } from '../register/public-entry.service.js';
import { RegisterSearchRepository } from '../register/register-search.repository.js';
import { REGISTRY_OWNER } from '../trust/key-owner.js';
import { KeysService } from '../trust/keys.service.js';
import { MANIFEST_FILES, OPEN_DATA_LICENCE, SNAPSHOT_FILES } from './open-data-licence.js';
import { GzipFileWriter, type WrittenFile } from './snapshot-file.js';
import { CSV_HEADER, csvField, csvLine, jsonLine } from './snapshot-rows.js';

const PAGE = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface SnapshotManifest {
  type: 'RegisterSnapshot';
  publisher: string;
  date: string;
  generatedAt: string;
  scope: string;
  licence: typeof OPEN_DATA_LICENCE;
  records: number;
  files: (WrittenFile & { url: string })[];
  auditCheckpoint: { size: number; rootHash: string; kid: string; note: string } | null;
}

export interface SignedManifest {
  date: string;
  manifest: SnapshotManifest;
  /** Compact JWS (EdDSA, the registry key in /.well-known/jwks.json) over manifest.json's bytes. */
  jws: string;
}

export class SnapshotNotFoundError extends NotFoundError {
  constructor() {
    super('OPEN_DATA.NOT_FOUND', 'No such open-data snapshot or file.');
  }
}

/**
 * Daily snapshots of the public register as open data: every listed person's public entry (their
 * visibility choices applied, as the API serves it) as gzipped JSON Lines and CSV, read a page at a
 * time and streamed to disk, with a manifest of file hashes and the audit checkpoint, signed by
 * the registry key.
 */
@Injectable()
export class SnapshotsService {
  private readonly logger = new Logger(SnapshotsService.name);
  private running: Promise<SignedManifest> | null = null;

  constructor(
    @Inject(databaseConfig.KEY) private readonly database: DatabaseConfig,
    private readonly entries: PublicEntryService,
    private readonly search: RegisterSearchRepository,
    private readonly proofs: AuditProofsService,
    private readonly keys: KeysService,
  ) {}

  private get root(): string {
    return path.join(this.database.dataDir, 'open-data');
  }

  /** Makes today's snapshot (replacing one made earlier today); one at a time per process. */
  make(): Promise<SignedManifest> {
    this.running ??= this.write().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async dates(): Promise<string[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    return names.filter((n) => DATE.test(n)).sort((a, b) => b.localeCompare(a));
  }

  async latest(): Promise<SignedManifest> {
    const [date] = await this.dates();
    if (!date) throw new SnapshotNotFoundError();
    return this.manifest(date);
  }

  async manifest(date: string): Promise<SignedManifest> {
    if (!DATE.test(date)) throw new SnapshotNotFoundError();
    const dir = path.join(this.root, date);
    try {
      const [json, jws] = await Promise.all([
        readFile(path.join(dir, 'manifest.json'), 'utf8'),
        readFile(path.join(dir, 'manifest.jws'), 'utf8'),
      ]);
      return { date, manifest: JSON.parse(json) as SnapshotManifest, jws };
    } catch {
      throw new SnapshotNotFoundError();
    }
  }

  /** A snapshot file as a stream, with its size; only the known names are served. */
  async file(date: string, name: string): Promise<{ stream: Readable; bytes: number }> {
    const known = [...SNAPSHOT_FILES, ...MANIFEST_FILES] as readonly string[];
    if (!DATE.test(date) || !known.includes(name)) throw new SnapshotNotFoundError();
    const file = path.join(this.root, date, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new SnapshotNotFoundError();
    return { stream: createReadStream(file), bytes: info.size };
  }

  private async write(): Promise<SignedManifest> {
    const started = Date.now();
    const date = new Date().toISOString().slice(0, 10);
    // Written beside the published ones, then renamed into place: a reader never sees half a snapshot.
    const work = path.join(this.root, `.${date}-${randomBytes(4).toString('hex')}`);
    await mkdir(work, { recursive: true });
    try {
      const checkpoint = await this.proofs.latestCheckpoint();
      const jsonl = new GzipFileWriter(path.join(work, SNAPSHOT_FILES[0]), SNAPSHOT_FILES[0]);
      const csv = new GzipFileWriter(path.join(work, SNAPSHOT_FILES[1]), SNAPSHOT_FILES[1]);
      await csv.write(`${CSV_HEADER.map(csvField).join(',')}\r\n`);
      let records = 0;
      let after = '';
      for (;;) {
        const page = await this.search.listedAfter(after, PAGE);
        if (page.length === 0) break;
        const documents = await this.entries.current(page);
        for (const document of documents) {
          if (document === null) continue;
          await jsonl.write(jsonLine(document));
          await csv.write(csvLine(document));
          records += 1;
        }
        after = page.at(-1)?.registerNumber ?? after;
      }
      const files = [await jsonl.close(), await csv.close()];
      const manifest: SnapshotManifest = {
        type: 'RegisterSnapshot',
        publisher: 'Digital leadership certification registry',
        date,
        generatedAt: new Date().toISOString(),
        scope:
          'The public entry of every listed practitioner as of the date, each person’s visibility choices applied; unlisted people are left out.',
        licence: OPEN_DATA_LICENCE,
        records,
        files: files.map((f) => ({ ...f, url: `/api/v1/open-data/${date}/${f.name}` })),
        auditCheckpoint: checkpoint
          ? {
              size: checkpoint.size,
              rootHash: checkpoint.rootHash,
              kid: checkpoint.kid,
              note: checkpoint.note,
            }
          : null,
      };
      const payload = Buffer.from(JSON.stringify(manifest, null, 2));
      const signer = await this.keys.signerFor(REGISTRY_OWNER);
      const jws = await new CompactSign(payload)
        .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, cty: 'application/json' })
        .sign(signer.privateKey);
      await writeFile(path.join(work, 'manifest.json'), payload);
      await writeFile(path.join(work, 'manifest.jws'), jws);
      const target = path.join(this.root, date);
      await rm(target, { recursive: true, force: true });
      await rename(work, target);
      this.logger.log(
        `Open-data snapshot ${date}: ${records} entries in ${Date.now() - started} ms`,
      );
      return { date, manifest, jws };
    } catch (error) {
      await rm(work, { recursive: true, force: true });
      throw error;
    }
  }
}
