import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { StorageConfig } from '../../config/configuration.js';

export type S3Settings = NonNullable<StorageConfig['s3']>;

/** S3 needs parts of at least 5 MiB; one part is the most an upload holds in memory. */
const PART_BYTES = 5 * 1024 * 1024;

/**
 * Evidence bytes in an S3-compatible bucket (AWS SDK v3). The SDK is imported on first use, so
 * an instance that keeps evidence in the database never loads it.
 */
export class S3EvidenceStore {
  private client?: Promise<S3Client>;

  constructor(private readonly settings: S3Settings) {}

  objectKey(name: string): string {
    return `${this.settings.prefix}${name}`;
  }

  /**
   * Streams `source` into the object as a multipart upload, a part at a time. The caller writes
   * to the returned sink (respecting backpressure) and ends it; `done` settles when the object is
   * stored, or rejects with the upload's error.
   */
  async upload(
    name: string,
    contentType?: string,
  ): Promise<{ sink: PassThrough; done: Promise<void> }> {
    const client = await this.s3();
    const { Upload } = await import('@aws-sdk/lib-storage');
    const sink = new PassThrough();
    const upload = new Upload({
      client,
      params: {
        Bucket: this.settings.bucket,
        Key: this.objectKey(name),
        Body: sink,
        ContentType: contentType ?? 'application/octet-stream',
      },
      partSize: PART_BYTES,
      queueSize: 1,
      leavePartsOnError: false,
    });
    const done = upload.done().then(() => undefined);
    done.catch(() => sink.destroy());
    return { sink, done };
  }

  /** The object's bytes as the reader asks for them. */
  open(name: string): Readable {
    const objectKey = this.objectKey(name);
    const bucket = this.settings.bucket;
    const s3 = () => this.s3();
    return Readable.from(
      (async function* () {
        const { GetObjectCommand } = await import('@aws-sdk/client-s3');
        const got = await (
          await s3()
        ).send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
        for await (const chunk of got.Body as AsyncIterable<Uint8Array>) yield Buffer.from(chunk);
      })(),
      { objectMode: false },
    );
  }

  async remove(name: string): Promise<void> {
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await (
      await this.s3()
    ).send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(name) }));
  }

  async close(): Promise<void> {
    if (this.client) (await this.client).destroy();
  }

  private s3(): Promise<S3Client> {
    this.client ??= import('@aws-sdk/client-s3').then(
      ({ S3Client }) =>
        new S3Client({
          region: this.settings.region,
          endpoint: this.settings.endpoint,
          forcePathStyle: this.settings.forcePathStyle,
          credentials: this.settings.accessKeyId
            ? {
                accessKeyId: this.settings.accessKeyId,
                secretAccessKey: this.settings.secretAccessKey ?? '',
              }
            : undefined,
        }),
    );
    return this.client;
  }
}

/** Writes a chunk to the sink, waiting while it is full, and gives up if the upload has failed. */
export async function writeTo(
  sink: PassThrough,
  chunk: Buffer,
  done: Promise<void>,
): Promise<void> {
  if (sink.write(chunk)) return;
  await Promise.race([once(sink, 'drain'), done]);
}
