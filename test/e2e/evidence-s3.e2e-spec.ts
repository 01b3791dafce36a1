import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import request from 'supertest';
import { bearer, closeDb, count, db } from '../support/app.js';
import { newIssuer, newPractitioner } from '../support/factories.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';

// An instance with EVIDENCE_S3_* set keeps evidence bytes in a local S3-compatible server (s3rver,
// started here on a free port over a temporary directory); the database keeps the metadata only.
const BUCKET = 'registry-evidence';

const binary = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('Evidence in S3-compatible storage', () => {
  let s3dir: string;
  let server: S3rver;
  let s3: S3Client;
  let app: Instance;

  const objects = async () =>
    (await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? [];

  beforeAll(async () => {
    s3dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-s3-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: s3dir,
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    app = await startInstance({
      EVIDENCE_S3_ENDPOINT: endpoint,
      EVIDENCE_S3_REGION: 'us-east-1',
      EVIDENCE_S3_BUCKET: BUCKET,
      EVIDENCE_S3_ACCESS_KEY_ID: 'S3RVER',
      EVIDENCE_S3_SECRET_ACCESS_KEY: 'S3RVER',
      EVIDENCE_S3_FORCE_PATH_STYLE: 'true',
    });
  }, 120_000);

  afterAll(async () => {
    await stopInstance(app);
    s3?.destroy();
    await server?.close();
    fs.rmSync(s3dir, { recursive: true, force: true });
    await closeDb();
  });

  async function newClaim() {
    const [issuer, holder] = await Promise.all([newIssuer(), newPractitioner()]);
    const claim = await request(app.url)
      .post('/api/v1/practitioners/me/claims')
      .set(bearer(holder.token))
      .send({ issuerId: issuer.id, kind: 'degree', title: 'MSc Buckets', awardedOn: '2015-07-01' })
      .expect(201);
    return { holder, claimId: claim.body.id as string };
  }

  it('should stream an upload into the bucket in parts, keep only metadata in the database and serve it back', async () => {
    const { holder, claimId } = await newClaim();
    // A PNG signature and 6 MB after it: more than one 5 MiB part of a multipart upload.
    const filler = Buffer.alloc(6 * 1024 * 1024);
    for (let i = 0; i < filler.length; i++) filler[i] = (i * 31 + 7) % 251;
    const file = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), filler]);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const uploaded = await request(app.url)
      .post(`/api/v1/practitioners/me/claims/${claimId}/evidence`)
      .set(bearer(holder.token))
      .attach('file', file, 'certificate.png')
      .expect(201);
    expect(uploaded.body).toMatchObject({ mediaType: 'image/png', sizeBytes: file.length, sha256 });

    const { rows } = await db().query<{ storage_key: string; sha256: string }>(
      `SELECT storage_key, sha256 FROM evidence WHERE id = $1`,
      [uploaded.body.id],
    );
    expect(rows[0].storage_key).toMatch(/^s3:/);
    expect(
      await count(`SELECT 1 FROM evidence_chunks WHERE storage_key = $1`, [rows[0].storage_key]),
    ).toBe(0);
    const key = `evidence/${rows[0].storage_key.slice('s3:'.length)}`;
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const stored = Buffer.from(
      await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sha256);

    const served = await binary(
      request(app.url).get(`/api/v1/evidence/${uploaded.body.id}`).set(bearer(holder.token)),
    ).expect(200);
    expect(served.headers['x-content-sha256']).toBe(sha256);
    expect(Buffer.compare(served.body as Buffer, file)).toBe(0);
    expect(fs.existsSync(path.join(app.dataDir, 'evidence'))).toBe(false);
  });

  it('should leave nothing in the bucket when an upload is refused by its bytes or its size', async () => {
    const { holder, claimId } = await newClaim();
    const before = (await objects()).length;
    const upload = (body: Buffer, name: string) =>
      request(app.url)
        .post(`/api/v1/practitioners/me/claims/${claimId}/evidence`)
        .set(bearer(holder.token))
        .attach('file', body, name);
    const script = await upload(Buffer.from('<script>alert(1)</script>'), 'degree.pdf').expect(415);
    expect(script.body.code).toBe('EVIDENCE.TYPE_NOT_ALLOWED');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10)]);
    expect((await upload(big, 'huge.pdf')).status).toBe(413);
    expect((await objects()).length).toBe(before);
    expect(await count(`SELECT 1 FROM evidence WHERE claim_id = $1`, [claimId])).toBe(0);
  });
});
