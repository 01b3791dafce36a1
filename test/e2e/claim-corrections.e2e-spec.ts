import { api, auditSettled, bearer, closeDb, count, db } from '../support/app.js';
import {
  newIssuer,
  newPractitioner,
  type TestIssuer,
  type TestPractitioner,
} from '../support/factories.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

interface ClaimBody {
  id: string;
  status: string;
  title: string;
  subject: string | null;
  level: number | null;
  awardedOn: string;
  correctedAt: string | null;
  correctsClaimId: string | null;
  evidence?: { fileName: string }[];
}

describe('Claim corrections', () => {
  let issuer: TestIssuer;
  let holder: TestPractitioner;
  let stranger: TestPractitioner;

  beforeAll(async () => {
    [issuer, holder, stranger] = await Promise.all([
      newIssuer(),
      newPractitioner(),
      newPractitioner(),
    ]);
  });
  afterAll(closeDb);

  const declare = async (title: string): Promise<ClaimBody> =>
    (
      await api()
        .post('/api/v1/practitioners/me/claims')
        .set(bearer(holder.token))
        .send({
          issuerId: issuer.id,
          kind: 'degree',
          title,
          subject: 'Information Systems',
          level: 7,
          awardedOn: '2012-07-01',
        })
        .expect(201)
    ).body as ClaimBody;
  const correct = (id: string, body: object, who = holder) =>
    api().patch(`/api/v1/practitioners/me/claims/${id}`).set(bearer(who.token)).send(body);

  it('should correct a pending claim in place, record when, audit it and show it on the entry', async () => {
    const claim = await declare('MSc Informatoin Systems');
    expect(claim.correctedAt).toBeNull();
    const res = await correct(claim.id, {
      title: 'MSc Information Systems',
      subject: null,
      awardedOn: '2012-07-14',
    }).expect(200);
    const corrected = res.body as ClaimBody;
    expect(corrected).toMatchObject({
      id: claim.id,
      status: 'pending',
      title: 'MSc Information Systems',
      subject: null,
      level: 7,
      awardedOn: '2012-07-14',
      correctsClaimId: null,
    });
    expect(Date.parse(corrected.correctedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const entry = await api().get(`/api/v1/register/${holder.registerNumber}`).expect(200);
    expect(JSON.stringify(entry.body)).toContain('MSc Information Systems');
    expect(JSON.stringify(entry.body)).not.toContain('Informatoin');
    await auditSettled();
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE action = 'claim.corrected' AND entity_id = $1`,
        [claim.id],
      ),
    ).toBe(1);
    // The body deciding it sees that it was corrected.
    const forIssuer = await api()
      .get('/api/v1/issuers/me/claims?status=pending')
      .set(bearer(issuer.token))
      .expect(200);
    const seen = (forIssuer.body as ClaimBody[]).find((c) => c.id === claim.id);
    expect(seen?.correctedAt).toBe(corrected.correctedAt);
  });

  it('should resubmit a rejected claim as a new pending claim that names it and keeps its evidence', async () => {
    const claim = await declare('MBA Healthcare Management');
    await api()
      .post(`/api/v1/practitioners/me/claims/${claim.id}/evidence`)
      .set(bearer(holder.token))
      .attach('file', PNG, { filename: 'certificate.png', contentType: 'image/png' })
      .expect(201);
    await api()
      .post(`/api/v1/claims/${claim.id}/reject`)
      .set(bearer(issuer.token))
      .send({ reason: 'We awarded this in 2013, not 2012' })
      .expect(200);

    const res = await correct(claim.id, { awardedOn: '2013-07-01' }).expect(201);
    const next = res.body as ClaimBody;
    expect(next.id).not.toBe(claim.id);
    expect(next).toMatchObject({
      status: 'pending',
      title: 'MBA Healthcare Management',
      awardedOn: '2013-07-01',
      correctsClaimId: claim.id,
      correctedAt: null,
    });
    expect(next.evidence?.map((e) => e.fileName)).toEqual(['certificate.png']);
    const { rows } = await db().query<{ status: string; awarded_on: string }>(
      `SELECT status, awarded_on::text FROM claims WHERE id = $1`,
      [claim.id],
    );
    expect(rows[0]).toEqual({ status: 'rejected', awarded_on: '2012-07-01' });

    // Once only: the second attempt corrects the new claim instead.
    const again = await correct(claim.id, { awardedOn: '2013-07-02' }).expect(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toMatchObject({ code: 'CLAIM.ALREADY_RESUBMITTED', status: 409 });
    expect(await count(`SELECT 1 FROM claims WHERE corrects_claim_id = $1`, [claim.id])).toBe(1);

    const forIssuer = await api()
      .get('/api/v1/issuers/me/claims?status=pending')
      .set(bearer(issuer.token))
      .expect(200);
    expect((forIssuer.body as ClaimBody[]).find((c) => c.id === next.id)?.correctsClaimId).toBe(
      claim.id,
    );
    await auditSettled();
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE action = 'claim.resubmitted' AND entity_id = $1`,
        [next.id],
      ),
    ).toBe(1);
  });

  it('should refuse to correct a confirmed or withdrawn claim', async () => {
    const confirmed = await declare('PgDip Clinical Informatics');
    await api()
      .post(`/api/v1/claims/${confirmed.id}/confirm`)
      .set(bearer(issuer.token))
      .send({})
      .expect(200);
    const res = await correct(confirmed.id, { title: 'Something else' }).expect(409);
    expect(res.body).toMatchObject({ code: 'CLAIM.NOT_CORRECTABLE' });
    const withdrawn = await declare('PgCert Leadership');
    await api()
      .delete(`/api/v1/practitioners/me/claims/${withdrawn.id}`)
      .set(bearer(holder.token))
      .expect(204);
    await correct(withdrawn.id, { title: 'Something else' }).expect(409);
    expect(
      await count(`SELECT 1 FROM claims WHERE id = ANY($1) AND title = 'Something else'`, [
        [confirmed.id, withdrawn.id],
      ]),
    ).toBe(0);
  });

  it('should let only the claimant correct, answering others as if the claim did not exist', async () => {
    const claim = await declare('BSc Computing');
    const res = await correct(claim.id, { title: 'Stolen' }, stranger).expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'CLAIM.NOT_FOUND' });
    await api()
      .patch(`/api/v1/practitioners/me/claims/${claim.id}`)
      .set(bearer(issuer.token))
      .send({ title: 'Stolen' })
      .expect(403);
    await api()
      .patch(`/api/v1/practitioners/me/claims/${claim.id}`)
      .send({ title: 'Stolen' })
      .expect(401);
    expect(await count(`SELECT 1 FROM claims WHERE id = $1 AND title = 'Stolen'`, [claim.id])).toBe(
      0,
    );
  });

  it('should answer bad corrections with problem details naming the field', async () => {
    const claim = await declare('MSc Data Science');
    const empty = await correct(claim.id, {}).expect(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.body).toMatchObject({ code: 'CLAIM.NOTHING_TO_CORRECT' });
    const future = await correct(claim.id, { awardedOn: '2999-01-01' }).expect(400);
    expect(future.body.errors).toEqual([
      expect.objectContaining({ field: 'awardedOn' }) as unknown,
    ]);
    const both = await correct(claim.id, {
      issuerId: issuer.id,
      awardingBody: 'Somewhere',
    }).expect(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'issuerId' }) as unknown]);
    const unknown = await correct(claim.id, { registerNumber: 'X' }).expect(400);
    expect(unknown.body).toMatchObject({ status: 400 });
    await correct(claim.id, { level: 12 }).expect(400);
    const { rows } = await db().query<{ corrected_at: Date | null }>(
      `SELECT corrected_at FROM claims WHERE id = $1`,
      [claim.id],
    );
    expect(rows[0]?.corrected_at).toBeNull();
  });
});
