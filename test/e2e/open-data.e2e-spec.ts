import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { compactVerify, createLocalJWKSet } from 'jose';
import { api, asRegistrar, bearer, closeDb } from '../support/app.js';
import { type Change, feedEnd, readFeed, readFeedUntil } from '../support/change-feed.js';
import {
  idempotencyKey,
  newIssuer,
  newPractitioner,
  searchableSurname,
  type TestIssuer,
  type TestPractitioner,
} from '../support/factories.js';

async function issue(issuer: TestIssuer, holder: TestPractitioner): Promise<string> {
  const res = await api()
    .post('/api/v1/credentials')
    .set('x-api-key', issuer.apiKey)
    .set('idempotency-key', idempotencyKey())
    .send({
      registerNumber: holder.registerNumber,
      kind: 'certificate',
      title: 'Digital Leadership Programme',
      awardedOn: '2022-07-01',
    })
    .expect(201);
  return res.body.id as string;
}

const download = async (url: string): Promise<Buffer> => {
  const res = await api()
    .get(url)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return res.body as Buffer;
};

describe('Open register data', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await newIssuer();
  });
  afterAll(closeDb);

  describe('the change feed', () => {
    it('should list public changes in order, with public facts only, and resume from a cursor', async () => {
      const start = await feedEnd();
      const listed = await newPractitioner();
      const unlisted = await newPractitioner();
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(unlisted.token))
        .send({ visibility: { listed: false } })
        .expect(200);
      const id = await issue(issuer, listed);
      await issue(issuer, unlisted);
      await api()
        .post(`/api/v1/credentials/${id}/revoke`)
        .set('x-api-key', issuer.apiKey)
        .send({ reason: 'A private reason' })
        .expect(200);
      await api()
        .post(`/api/v1/practitioners/${listed.registerNumber}/status`)
        .set(bearer(await asRegistrar()))
        .send({ status: 'suspended', reason: 'Fitness to practise hearing' })
        .expect(200);

      // Other specs write to the same register while this runs: only these two people's changes
      // are this test's to judge, and the unlisted one must never appear.
      const ours = (all: Change[]): Change[] =>
        all.filter((c) =>
          [listed.registerNumber, unlisted.registerNumber].includes(c.registerNumber),
        );
      const feed = await readFeedUntil(start, (i) => ours(i).length >= 3);
      const { next } = feed;
      const items = ours(feed.items);
      expect(items.map((c) => [c.type, c.registerNumber, c.data])).toEqual([
        ['credential.issued', listed.registerNumber, { kind: 'certificate', provenance: 'issued' }],
        ['credential.status-changed', listed.registerNumber, { from: 'active', to: 'revoked' }],
        [
          'practitioner.status-changed',
          listed.registerNumber,
          { from: 'registered', to: 'suspended' },
        ],
      ]);
      expect(JSON.stringify(items)).not.toContain('private reason');
      expect(JSON.stringify(items)).not.toContain(id);
      // Nothing new: the same cursor comes back, ready to poll.
      expect(ours((await readFeed(next)).items)).toEqual([]);
      expect(items[1]?.cursor).toBeDefined();
      expect(ours((await readFeed(items[1]?.cursor)).items).map((c) => c.type)).toEqual([
        'practitioner.status-changed',
      ]);
    });

    it('should refuse a cursor it did not give out', async () => {
      const res = await api().get('/api/v1/register/changes?since=bm9wZQ').expect(400);
      expect(res.body.code).toBe('REGISTER.CURSOR_INVALID');
    });
  });

  describe('snapshots', () => {
    it('should publish a signed snapshot of listed public entries that verifies offline against the JWKS', async () => {
      const shown = await newPractitioner({ familyName: searchableSurname('Shown') });
      const hidden = await newPractitioner({ familyName: searchableSurname('Hidden') });
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(hidden.token))
        .send({ visibility: { listed: false } })
        .expect(200);
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(shown.token))
        .send({ formerNames: ['Secret Maiden'] })
        .expect(200);
      await issue(issuer, shown);

      await api().post('/api/v1/open-data/snapshots').expect(401);
      await api().post('/api/v1/open-data/snapshots').set(bearer(shown.token)).expect(403);
      const made = await api()
        .post('/api/v1/open-data/snapshots')
        .set(bearer(await asRegistrar()))
        .expect(201);
      const date = made.body.date as string;

      const latest = await api().get('/api/v1/open-data').expect(200);
      expect(latest.body.date).toBe(date);
      const list = await api().get('/api/v1/open-data/snapshots').expect(200);
      expect(list.body.items[0]).toEqual({ date, url: `/api/v1/open-data/${date}` });

      // Offline check: the JWS verifies with the published keys, and its payload is the manifest.
      const jwks = (await api().get('/.well-known/jwks.json').expect(200)).body;
      const { payload, protectedHeader } = await compactVerify(
        latest.body.jws as string,
        createLocalJWKSet(jwks),
        { algorithms: ['EdDSA'] },
      );
      expect(protectedHeader.alg).toBe('EdDSA');
      const manifest = JSON.parse(Buffer.from(payload).toString('utf8'));
      expect(manifest).toEqual(latest.body.manifest);
      expect(manifest.licence.name).toBe('Open Government Licence v3.0');
      expect(manifest.auditCheckpoint).toEqual(
        expect.objectContaining({ size: expect.any(Number), rootHash: expect.any(String) }),
      );
      const jwsFile = await download(`/api/v1/open-data/${date}/manifest.jws`);
      expect(jwsFile.toString('utf8')).toBe(latest.body.jws);

      const files: Record<string, Buffer> = {};
      for (const f of manifest.files as { name: string; sha256: string; bytes: number }[]) {
        const bytes = await download(`/api/v1/open-data/${date}/${f.name}`);
        expect(bytes.length).toBe(f.bytes);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
        files[f.name] = gunzipSync(bytes);
      }
      const entries = files['register.jsonl.gz']
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { registerNumber: string; formerNames: string[] });
      expect(entries).toHaveLength(manifest.records);
      const mine = entries.find((e) => e.registerNumber === shown.registerNumber);
      expect(mine).toMatchObject({
        formerNames: [],
        credentials: [expect.objectContaining({ title: 'Digital Leadership Programme' })],
      });
      expect(entries.some((e) => e.registerNumber === hidden.registerNumber)).toBe(false);
      const csv = files['register.csv.gz'].toString('utf8');
      expect(csv.split('\r\n')[0]).toMatch(/^registerNumber,givenName,familyName,formerNames,/);
      expect(csv).toContain(shown.registerNumber);
      expect(csv).not.toContain(hidden.registerNumber);
      expect(csv).not.toContain('Secret Maiden');
    });

    it('should serve only the files it made', async () => {
      await api().get('/api/v1/open-data/2001-01-01/register.csv.gz').expect(404);
      await api().get('/api/v1/open-data/2001-01-01/..%2F..%2Fsecrets').expect(404);
      await api().get('/api/v1/open-data/not-a-date').expect(404);
    });
  });
});
