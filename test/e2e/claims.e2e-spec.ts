import { createHash } from 'node:crypto';
import { api, asRegistrar, bearer, closeDb, count, db } from '../support/app.js';
import {
  newIssuer,
  newPractitioner,
  type TestIssuer,
  type TestPractitioner,
} from '../support/factories.js';

// The smallest valid PNG (1x1), and a PDF header: enough for type detection from the bytes.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const claimBody = (issuerId: string, extra: Record<string, unknown> = {}) => ({
  issuerId,
  kind: 'degree',
  title: 'MSc Information Systems',
  subject: 'Information Systems',
  level: 7,
  result: 'Merit',
  awardedOn: '2012-07-01',
  ...extra,
});

describe('Claims and evidence', () => {
  let issuer: TestIssuer;
  let otherIssuer: TestIssuer;
  let holder: TestPractitioner;
  let stranger: TestPractitioner;

  beforeAll(async () => {
    [issuer, otherIssuer, holder, stranger] = await Promise.all([
      newIssuer(),
      newIssuer(),
      newPractitioner(),
      newPractitioner(),
    ]);
  });
  afterAll(closeDb);

  const declare = (body: object, who = holder) =>
    api().post('/api/v1/practitioners/me/claims').set(bearer(who.token)).send(body);

  it('should record a claim as self-declared and pending, flagging an unrecognised body', async () => {
    const known = await declare(claimBody(issuer.id)).expect(201);
    expect(known.body).toMatchObject({
      recordType: 'claim',
      provenance: 'self-declared',
      status: 'pending',
      awardingBodyRecognised: true,
      awardingBody: issuer.name,
    });
    const unknown = await declare({
      ...claimBody(issuer.id),
      issuerId: undefined,
      awardingBody: 'Ealing Imperial University of Excellence',
    }).expect(201);
    expect(unknown.body).toMatchObject({ awardingBodyRecognised: false, issuerId: null });
    const byName = await declare({
      ...claimBody(issuer.id),
      issuerId: undefined,
      awardingBody: issuer.name.toUpperCase(),
    }).expect(201);
    expect(byName.body).toMatchObject({ awardingBodyRecognised: true, issuerId: issuer.id });
  });

  it('should refuse a claim naming both or neither body, or a future date', async () => {
    await declare({ ...claimBody(issuer.id), awardingBody: 'Also this' }).expect(400);
    await declare({ ...claimBody(issuer.id), issuerId: undefined }).expect(400);
    await declare(claimBody(issuer.id, { awardedOn: '2999-01-01' })).expect(400);
    await declare(claimBody(issuer.id, { status: 'confirmed' })).expect(400);
  });

  it('should let the named body confirm with corrections, making a confirmed credential', async () => {
    const claim = (await declare(claimBody(issuer.id, { result: 'Distinction' })).expect(201)).body;
    const pending = await api()
      .get('/api/v1/issuers/me/claims?status=pending')
      .set('x-api-key', issuer.apiKey)
      .expect(200);
    const listed = pending.body.find((c: { id: string }) => c.id === claim.id);
    expect(listed.claimant.registerNumber).toBe(holder.registerNumber);
    const confirmed = await api()
      .post(`/api/v1/claims/${claim.id}/confirm`)
      .set('x-api-key', issuer.apiKey)
      .send({ corrections: { result: 'Merit' } })
      .expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      recordType: 'claim',
      corrections: { result: 'Merit' },
    });
    const credential = await api()
      .get(`/api/v1/credentials/${confirmed.body.credentialId}`)
      .set(bearer(holder.token))
      .expect(200);
    expect(credential.body).toMatchObject({
      recordType: 'credential',
      provenance: 'confirmed-by-awarding-body',
      result: 'Merit',
      claimId: claim.id,
    });
    await api()
      .post(`/api/v1/claims/${claim.id}/reject`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'late' })
      .expect(409);
  });

  it('should answer 404 to a body the claim does not name, and change nothing', async () => {
    const claim = (await declare(claimBody(issuer.id)).expect(201)).body;
    await api()
      .post(`/api/v1/claims/${claim.id}/confirm`)
      .set('x-api-key', otherIssuer.apiKey)
      .send({})
      .expect(404);
    await api()
      .post(`/api/v1/claims/${claim.id}/reject`)
      .set('x-api-key', otherIssuer.apiKey)
      .send({ reason: 'x' })
      .expect(404);
    const others = await api()
      .get('/api/v1/issuers/me/claims')
      .set('x-api-key', otherIssuer.apiKey)
      .expect(200);
    expect(others.body.map((c: { id: string }) => c.id)).not.toContain(claim.id);
    const { rows } = await db().query(`SELECT status FROM claims WHERE id = $1`, [claim.id]);
    expect(rows[0].status).toBe('pending');
  });

  it('should record a rejection with its reason and let nobody else withdraw a claim', async () => {
    const claim = (await declare(claimBody(issuer.id)).expect(201)).body;
    await api()
      .delete(`/api/v1/practitioners/me/claims/${claim.id}`)
      .set(bearer(stranger.token))
      .expect(404);
    const rejected = await api()
      .post(`/api/v1/claims/${claim.id}/reject`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'No record of this award' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decisionReason: 'No record of this award',
      credentialId: null,
    });
    expect(await count(`SELECT 1 FROM credentials WHERE claim_id = $1`, [claim.id])).toBe(0);
    await api()
      .delete(`/api/v1/practitioners/me/claims/${claim.id}`)
      .set(bearer(holder.token))
      .expect(409);
  });

  it('should let the holder withdraw a pending claim', async () => {
    const claim = (await declare(claimBody(issuer.id)).expect(201)).body;
    await api()
      .delete(`/api/v1/practitioners/me/claims/${claim.id}`)
      .set(bearer(holder.token))
      .expect(204);
    const mine = await api()
      .get('/api/v1/practitioners/me/claims')
      .set(bearer(holder.token))
      .expect(200);
    expect(mine.body.find((c: { id: string }) => c.id === claim.id).status).toBe('withdrawn');
  });

  it('should let the registrar record a document check that makes a document-checked credential', async () => {
    const claim = (
      await declare({
        ...claimBody(issuer.id),
        issuerId: undefined,
        awardingBody: 'University of Atlantis',
      }).expect(201)
    ).body;
    await api()
      .post(`/api/v1/claims/${claim.id}/document-check`)
      .set(bearer(holder.token))
      .send({ outcome: 'genuine', note: 'x' })
      .expect(403);
    const checked = await api()
      .post(`/api/v1/claims/${claim.id}/document-check`)
      .set(bearer(await asRegistrar()))
      .send({
        outcome: 'genuine',
        note: 'Original certificate seen and verified with the registry office',
      })
      .expect(200);
    expect(checked.body.documentCheck.outcome).toBe('genuine');
    const { rows } = await db().query(
      `SELECT provenance, issuer_id FROM credentials WHERE claim_id = $1`,
      [claim.id],
    );
    expect(rows).toEqual([{ provenance: 'document-checked', issuer_id: null }]);
  });

  describe('evidence', () => {
    let claimId: string;
    beforeAll(async () => {
      claimId = (await declare(claimBody(issuer.id)).expect(201)).body.id;
    });

    const upload = (body: Buffer, name: string, who = holder, id = claimId) =>
      api()
        .post(`/api/v1/practitioners/me/claims/${id}/evidence`)
        .set(bearer(who.token))
        .attach('file', body, name);

    it('should store a PNG with its SHA-256 and serve it only as an attachment to those allowed', async () => {
      const res = await upload(PNG, 'certificate.png').expect(201);
      expect(res.body).toMatchObject({
        mediaType: 'image/png',
        sizeBytes: PNG.length,
        sha256: createHash('sha256').update(PNG).digest('hex'),
      });
      const file = await api()
        .get(`/api/v1/evidence/${res.body.id}`)
        .set(bearer(holder.token))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
      await api()
        .get(`/api/v1/evidence/${res.body.id}`)
        .set('x-api-key', issuer.apiKey)
        .expect(200);
      await api()
        .get(`/api/v1/evidence/${res.body.id}`)
        .set(bearer(await asRegistrar()))
        .expect(200);
      await api().get(`/api/v1/evidence/${res.body.id}`).set(bearer(stranger.token)).expect(404);
      await api()
        .get(`/api/v1/evidence/${res.body.id}`)
        .set('x-api-key', otherIssuer.apiKey)
        .expect(404);
      await api().get(`/api/v1/evidence/${res.body.id}`).expect(401);
    });

    it('should accept a PDF judged by its bytes', async () => {
      const res = await upload(PDF, 'degree').expect(201);
      expect(res.body.mediaType).toBe('application/pdf');
    });

    it('should refuse a script named .pdf, a file too large, and uploads to another person’s claim', async () => {
      const before = await count(`SELECT 1 FROM evidence WHERE claim_id = $1`, [claimId]);
      const script = await upload(Buffer.from('<script>alert(1)</script>'), 'degree.pdf').expect(
        415,
      );
      expect(script.body.code).toBe('EVIDENCE.TYPE_NOT_ALLOWED');
      const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10)]);
      const tooBig = await upload(big, 'huge.pdf');
      expect(tooBig.status).toBe(413);
      await upload(PNG, 'x.png', stranger).expect(404);
      expect(await count(`SELECT 1 FROM evidence WHERE claim_id = $1`, [claimId])).toBe(before);
    });
  });
});
