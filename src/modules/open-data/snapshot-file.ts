import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export interface WrittenFile {
  name: string;
  mediaType: string;
  sha256: string;
  bytes: number;
}

/**
 * A gzipped file written line by line with backpressure, hashed as it is written (the hash and
 * size are of the file as served), so the whole file is never in memory.
 */
export class GzipFileWriter {
  private readonly gzip = createGzip({ level: 6 });
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly done: Promise<void>;

  constructor(
    private readonly path: string,
    private readonly name: string,
  ) {
    const tap = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        callback(null, chunk);
      },
    });
    const out = createWriteStream(this.path);
    this.gzip.pipe(tap).pipe(out);
    this.done = finished(out);
  }

  async write(text: string): Promise<void> {
    if (!this.gzip.write(text)) await once(this.gzip, 'drain');
  }

  async close(): Promise<WrittenFile> {
    this.gzip.end();
    await this.done;
    return {
      name: this.name,
      mediaType: 'application/gzip',
      sha256: this.hash.digest('hex'),
      bytes: this.bytes,
    };
  }
}
