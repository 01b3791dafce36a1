import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { api, auditSettled, bearer, closeDb, count } from '../support/app.js';
import { newIssuer, newPractitioner } from '../support/factories.js';

// Two app processes on one PostgreSQL (and one Redis when REDIS_URL is set): the shared test app and
// a second one started here with its own DATA_DIR, so nothing can come from a local disk. Shared rate
// limits are shown by verification-rate-limit.e2e-spec.ts, the audit sequencer's hand-over between
// instances by audit-sequencer.e2e-spec.ts; this spec shows evidence and the audit log.
const target = JSON.parse(process.env.TEST_DATABASE ?? '{}') as { kind?: string; url?: string };
const onServer = target.kind === 'server' && target.url !== undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

async function startSecond(): Promise<{ child: ChildProcess; url: string; dataDir: string }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-second-'));
  const env = {
    ...(JSON.parse(process.env.TEST_APP_ENV ?? '{}') as Record<string, string>),
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: target.url ?? '',
  };
  const child = spawn(
    process.execPath,
    [path.join(process.env.TEST_DIST ?? 'dist', 'src/main.js')],
    { env, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`second app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return { child, url, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('second app did not become ready');
}

const binary = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

(onServer ? describe : describe.skip)('Two instances on one database', () => {
  let second: { child: ChildProcess; url: string; dataDir: string };

  beforeAll(async () => {
    second = await startSecond();
  }, 90_000);

  afterAll(async () => {
    if (second) {
      const exited = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      fs.rmSync(second.dataDir, { recursive: true, force: true });
    }
    await closeDb();
  });

  it('should serve evidence uploaded through one instance from the other, in pieces, off disk', async () => {
    const [issuer, holder] = await Promise.all([newIssuer(), newPractitioner()]);
    const claim = await api()
      .post('/api/v1/practitioners/me/claims')
      .set(bearer(holder.token))
      .send({
        issuerId: issuer.id,
        kind: 'degree',
        title: 'MSc Two Sites',
        awardedOn: '2012-07-01',
      })
      .expect(201);
    // A PNG signature and 700 KB after it: three stored pieces. The filler is a fixed pattern, not
    // random bytes: with random bytes after the signature, the type sniffer takes about half of
    // the files for something else, and the upload is rightly refused.
    const filler = Buffer.alloc(700 * 1024);
    for (let i = 0; i < filler.length; i++) filler[i] = (i * 31 + 7) % 251;
    const file = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), filler]);
    const uploaded = await api()
      .post(`/api/v1/practitioners/me/claims/${claim.body.id}/evidence`)
      .set(bearer(holder.token))
      .attach('file', file, 'certificate.png')
      .expect(201);
    expect(uploaded.body).toMatchObject({
      mediaType: 'image/png',
      sizeBytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    const served = await binary(
      request(second.url).get(`/api/v1/evidence/${uploaded.body.id}`).set(bearer(holder.token)),
    ).expect(200);
    expect(Buffer.compare(served.body as Buffer, file)).toBe(0);
    expect(
      await count(
        `SELECT 1 FROM evidence_chunks c JOIN evidence e ON e.storage_key = c.storage_key
          WHERE e.id = $1`,
        [uploaded.body.id],
      ),
    ).toBe(3);
    expect(fs.existsSync(path.join(second.dataDir, 'evidence'))).toBe(false);
  });

  it('should keep one consistent audit log when both instances write', async () => {
    const registrar = await api()
      .post('/api/v1/auth/login')
      .send({ email: 'registrar@registry.test', password: 'registrar-test-password' })
      .expect(200);
    const token = (registrar.body as { accessToken: string }).accessToken;
    await Promise.all(
      [api(), request(second.url), api(), request(second.url)].map((agent, i) =>
        agent
          .post('/api/v1/issuers')
          .set(bearer(token))
          .send({
            name: `Two Sites College ${i} ${randomBytes(3).toString('hex')}`,
            kind: 'university',
          })
          .expect(201),
      ),
    );
    await auditSettled();
    const events = await count(`SELECT 1 FROM audit_events`);
    const [one, two] = await Promise.all([
      api().get('/health/ready').expect(200),
      request(second.url).get('/health/ready').expect(200),
    ]);
    expect(one.body.auditLog.treeSize).toBe(events);
    expect(two.body.auditLog.treeSize).toBe(events);
    const proof = await request(second.url)
      .get('/api/v1/audit/proofs/consistency')
      .query({ from: 1, to: events })
      .expect(200);
    expect(proof.body).toMatchObject({ from: 1, to: events });
  });
});
