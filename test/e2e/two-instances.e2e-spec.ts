import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import request from 'supertest';
import { api, asRegistrar, auditSettled, bearer, closeDb, count } from '../support/app.js';
import { idempotencyKey, newEmployer, newIssuer, newPractitioner } from '../support/factories.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';

// Two app processes on one PostgreSQL and one Redis, each with its own DATA_DIR (so nothing can come
// from a local disk), both running the webhook dispatcher, beside the shared test app (whose
// dispatcher runs too). They show issue 11's list: evidence uploaded through one is served by the
// other, rate limits are shared, each webhook event is delivered once, and the audit log stays
// consistent. The audit sequencer's hand-over between instances is in audit-sequencer.e2e-spec.ts.
const target = JSON.parse(process.env.TEST_DATABASE ?? '{}') as { kind?: string; url?: string };
const onServer = target.kind === 'server' && target.url !== undefined;
const REDIS_URL = process.env.REDIS_URL;
const prefix = `test:two-instances:${randomBytes(4).toString('hex')}:`;
const SEARCH_LIMIT = 4;
const DOB = '1971-03-03';

const binary = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

(onServer && REDIS_URL ? describe : describe.skip)(
  'Two instances on one database and one Redis',
  () => {
    let first: Instance;
    let second: Instance;

    beforeAll(async () => {
      const settings = {
        REDIS_URL: REDIS_URL ?? '',
        RATE_LIMIT_KEY_PREFIX: prefix,
        RATE_LIMIT_SEARCH: String(SEARCH_LIMIT),
        DATABASE_POOL_SIZE: '4',
        WEBHOOK_DISPATCHER_ENABLED: 'true',
        WEBHOOK_DISPATCH_INTERVAL_MS: '200',
      };
      [first, second] = await Promise.all([startInstance(settings), startInstance(settings)]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([stopInstance(first), stopInstance(second)]);
      if (REDIS_URL) {
        const redis = new Redis(REDIS_URL);
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
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
      const uploaded = await request(first.url)
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
      for (const instance of [first, second])
        expect(fs.existsSync(path.join(instance.dataDir, 'evidence'))).toBe(false);
    });

    it('should keep one consistent audit log when both instances write', async () => {
      const registrar = await api()
        .post('/api/v1/auth/login')
        .send({ email: 'registrar@registry.test', password: 'registrar-test-password' })
        .expect(200);
      const token = (registrar.body as { accessToken: string }).accessToken;
      await Promise.all(
        [request(first.url), request(second.url), request(first.url), request(second.url)].map(
          (agent, i) =>
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
        request(first.url).get('/health/ready').expect(200),
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

    it('should share rate limits: one client counted across both instances, refused by either', async () => {
      // A search no other test makes, from one address: both instances count it in the same Redis key.
      const search = (instance: Instance) =>
        request(instance.url).get('/api/v1/register').query({ q: 'Twoinstancesson' });
      const statuses: number[] = [];
      for (let i = 0; i <= SEARCH_LIMIT; i++)
        statuses.push((await search(i % 2 === 0 ? first : second)).status);
      expect(statuses).toEqual([...Array<number>(SEARCH_LIMIT).fill(200), 429]);
      const refused = await search(first);
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('should deliver each webhook event exactly once while both instances run the dispatcher', async () => {
      const deliveries: { eventId: string; body: string }[] = [];
      const receiver = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          deliveries.push({
            eventId: String(req.headers['x-registry-event-id']),
            body: Buffer.concat(chunks).toString('utf8'),
          });
          res.statusCode = 204;
          res.end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/registry`;
      try {
        const [issuer, holder, employer] = await Promise.all([
          newIssuer(),
          newPractitioner({ dateOfBirth: DOB }),
          newEmployer(),
        ]);
        await api()
          .post(`/api/v1/organisations/${employer.organisationId}/verify`)
          .set(bearer(await asRegistrar()))
          .expect(200);
        const { code } = (
          await api()
            .post('/api/v1/share-codes')
            .set(bearer(holder.token))
            .send({ purpose: 'Assurance across two sites', expiresInDays: 90 })
            .expect(201)
        ).body as { code: string };
        await api()
          .post('/api/v1/share-codes/redeem')
          .set(bearer(employer.token))
          .send({ code, dateOfBirth: DOB })
          .expect(200);
        const credentials: string[] = [];
        for (let i = 0; i < 6; i++) {
          const issued = await api()
            .post('/api/v1/credentials')
            .set('X-API-Key', issuer.apiKey)
            .set('Idempotency-Key', idempotencyKey())
            .send({
              registerNumber: holder.registerNumber,
              kind: 'certificate',
              title: `Two Sites Module ${i}`,
              awardedOn: '2022-05-01',
            })
            .expect(201);
          credentials.push((issued.body as { id: string }).id);
        }
        await api()
          .post('/api/v1/watch-lists')
          .set(bearer(employer.token))
          .send({ registerNumber: holder.registerNumber, webhookUrl: hookUrl })
          .expect(201);
        // Six revocations at once, through both instances: six events for three dispatchers to race for.
        await Promise.all(
          credentials.map((id, i) =>
            request((i % 2 === 0 ? first : second).url)
              .post(`/api/v1/credentials/${id}/revoke`)
              .set('X-API-Key', issuer.apiKey)
              .send({ reason: 'Awarded in error' })
              .expect(200),
          ),
        );
        const revoked = () =>
          deliveries.filter(
            (d) => (JSON.parse(d.body) as { data?: { to?: string } }).data?.to === 'revoked',
          );
        const deadline = Date.now() + 40_000;
        while (revoked().length < credentials.length && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        // Several more rounds of every dispatcher (200 ms here, 2 s in the shared app): a second copy would show.
        await new Promise((r) => setTimeout(r, 5000));
        expect(revoked()).toHaveLength(credentials.length);
        const perEvent = new Map<string, number>();
        for (const d of deliveries) perEvent.set(d.eventId, (perEvent.get(d.eventId) ?? 0) + 1);
        expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
        expect(
          await count(
            `SELECT 1 FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
            WHERE d.event_id = ANY($1::uuid[])`,
            [[...perEvent.keys()]],
          ),
        ).toBe(perEvent.size);
      } finally {
        await new Promise((r) => receiver.close(r));
      }
    }, 90_000);
  },
);
