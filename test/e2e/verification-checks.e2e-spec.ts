import { createPublicKey, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { api, auditSettled, bearer, closeDb, db } from '../support/app.js';
import { apiClient, type Schemas } from '../support/client.js';
import { idempotencyKey, newEmployer, newIssuer, newPractitioner } from '../support/factories.js';

interface Field {
  field: string;
  claimed: unknown;
  recorded: unknown;
  match: string;
}

const fieldOf = (fields: Field[], name: string) => fields.find((f) => f.field === name);

async function check(registerNumber: string, claim: Record<string, unknown>, token?: string) {
  const { data, response } = await apiClient(token ? bearer(token) : {}).POST(
    '/api/v1/verifications',
    { body: { registerNumber, claim: claim as Schemas['ClaimAskedDto'] } },
  );
  expect(response.status).toBe(201);
  return data as NonNullable<typeof data> & { fields: Field[] };
}

describe('Claim checks and receipts', () => {
  afterAll(closeDb);

  it('should follow the CIO with the invented degree from pending claim to rejection, with receipts', async () => {
    const university = await newIssuer({ name: `University of Northshire ${Date.now()}` });
    const cio = await newPractitioner({ givenName: 'Ian', familyName: `Fabricant${Date.now()}` });
    const employer = await newEmployer();
    const claimed = {
      kind: 'degree',
      title: 'MSc Information Systems',
      awardingBody: university.name,
      level: 7,
      result: 'Distinction',
      awardedYear: 2009,
    };
    const declared = await api()
      .post('/api/v1/practitioners/me/claims')
      .set(bearer(cio.token))
      .send({
        issuerId: university.id,
        kind: 'degree',
        title: 'MSc Information Systems',
        level: 7,
        result: 'Distinction',
        awardedOn: '2009-07-01',
      })
      .expect(201);

    const whilePending = await check(cio.registerNumber, claimed, employer.token);
    expect(whilePending.outcome).toBe('awaiting-confirmation');
    const entry = (await api().get(`/api/v1/register/${cio.registerNumber}`).expect(200)).body;
    expect(entry.credentials).toEqual([]);
    expect(entry.pendingClaims).toEqual([
      expect.objectContaining({
        title: 'MSc Information Systems',
        status: 'awaiting-confirmation',
      }),
    ]);

    await api()
      .post(`/api/v1/claims/${declared.body.id}/reject`)
      .set(bearer(university.token))
      .send({ reason: 'No student of that name was ever enrolled.' })
      .expect(200);

    const after = await check(cio.registerNumber, claimed, employer.token);
    expect(after.outcome).toBe('rejected-by-awarding-body');
    expect(
      (await api().get(`/api/v1/register/${cio.registerNumber}`).expect(200)).body.pendingClaims,
    ).toEqual([]);

    const receipt = (await api().get(`/api/v1/verifications/${after.reference}`).expect(200)).body;
    expect(receipt).toMatchObject({
      reference: after.reference,
      outcome: 'rejected-by-awarding-body',
      genuine: true,
      claim: claimed,
    });
    expect(receipt.checkedBy).toEqual({
      organisation: expect.stringMatching(/Testshire NHS Trust/),
    });
    // Anyone can check the proof offline with the registry's published key for its kid.
    const jwks = (await api().get('/.well-known/jwks.json').expect(200)).body;
    const published = jwks.keys.find((k: { kid: string }) => k.kid === receipt.proof.kid);
    expect(published).toBeDefined();
    expect(published.x).toBe(receipt.proof.publicKeyJwk.x);
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: published.x },
      format: 'jwk',
    });
    const signed = Buffer.from(canonicalize(receipt.document) ?? '');
    expect(verify(null, signed, key, Buffer.from(receipt.proof.signatureValue, 'base64url'))).toBe(
      true,
    );
    const forged = Buffer.from(canonicalize({ ...receipt.document, outcome: 'verified' }) ?? '');
    expect(verify(null, forged, key, Buffer.from(receipt.proof.signatureValue, 'base64url'))).toBe(
      false,
    );

    const checks = (
      await api().get('/api/v1/practitioners/me/checks').set(bearer(cio.token)).expect(200)
    ).body;
    expect(checks.items.filter((c: { type: string }) => c.type === 'claim-check')).toHaveLength(2);
    expect(checks.items[0]).toMatchObject({
      type: 'claim-check',
      reference: after.reference,
      organisation: expect.stringMatching(/Testshire/),
    });
  });

  describe('against issued credentials', () => {
    let registerNumber: string;
    let issuerName: string;

    beforeAll(async () => {
      const issuer = await newIssuer({ name: `University of Southshire ${Date.now()}` });
      issuerName = issuer.name;
      const p = await newPractitioner();
      registerNumber = p.registerNumber;
      await api()
        .post('/api/v1/credentials')
        .set('X-API-Key', issuer.apiKey)
        .set('Idempotency-Key', idempotencyKey())
        .send({
          registerNumber,
          kind: 'degree',
          title: 'BSc Computer Science',
          subject: 'Computer Science',
          level: 6,
          result: '2:2',
          awardedOn: '2004-07-01',
        })
        .expect(201);
    });

    it('should verify a claim that matches in every field, tolerating spelling variants', async () => {
      const res = await check(registerNumber, {
        kind: 'degree',
        title: 'Bachelor of Science in Computer Science',
        awardingBody: issuerName.replace('University', 'Univ.'),
        result: 'Lower Second Class Honours',
        awardedYear: 2004,
      });
      expect(res.outcome).toBe('verified');
      expect(fieldOf(res.fields, 'result')).toMatchObject({
        claimed: 'Lower Second Class Honours',
        recorded: '2:2',
        match: 'equivalent',
      });
    });

    it('should give a partial match for a 2:2 claimed as a 2:1', async () => {
      const res = await check(registerNumber, {
        kind: 'degree',
        title: 'BSc Computer Science',
        awardingBody: issuerName,
        result: '2:1',
      });
      expect(res.outcome).toBe('partial-match');
      expect(fieldOf(res.fields, 'result')).toEqual({
        field: 'result',
        claimed: '2:1',
        recorded: '2:2',
        match: 'mismatch',
      });
      expect(fieldOf(res.fields, 'title')?.match).toBe('exact');
    });

    it('should give a partial match for the wrong year', async () => {
      const res = await check(registerNumber, {
        kind: 'degree',
        title: 'BSc Computer Science',
        awardingBody: issuerName,
        awardedYear: 2006,
      });
      expect(res.outcome).toBe('partial-match');
      expect(fieldOf(res.fields, 'awardedYear')).toEqual({
        field: 'awardedYear',
        claimed: 2006,
        recorded: 2004,
        match: 'mismatch',
      });
    });

    it('should answer no-record for a body with no record, never a guess', async () => {
      const res = await check(registerNumber, {
        kind: 'degree',
        title: 'BSc Computer Science',
        awardingBody: 'Rochville University',
      });
      expect(res.outcome).toBe('no-record');
      expect(res.fields.every((f) => f.recorded === null)).toBe(true);
    });
  });

  it('should check a claim in two queries, one read and one write of receipt and audit entry', async () => {
    const issuer = await newIssuer({ name: `University of Eastshire ${Date.now()}` });
    const p = await newPractitioner();
    await api()
      .post('/api/v1/credentials')
      .set('X-API-Key', issuer.apiKey)
      .set('Idempotency-Key', idempotencyKey())
      .send({
        registerNumber: p.registerNumber,
        kind: 'degree',
        title: 'MSc Data Science',
        level: 7,
        awardedOn: '2015-07-01',
      })
      .expect(201);
    const employer = await newEmployer();
    const claim = { kind: 'degree', title: 'MSc Data Science', awardingBody: issuer.name };
    const counts: number[] = [];
    for (const token of [undefined, undefined, employer.token, employer.token]) {
      const req = api().post('/api/v1/verifications');
      if (token) void req.set(bearer(token));
      const res = await req.send({ registerNumber: p.registerNumber, claim }).expect(201);
      expect(res.body.outcome).toBe('verified');
      counts.push(Number(res.headers['x-db-queries']));
    }
    // Two in the steady state; a cache of the signing key (5 s) or of the published keys (30 s)
    // running out may add one each, no more. No transaction: BEGIN and COMMIT would count.
    expect(Math.min(...counts)).toBe(2);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    // Each receipt and its audit entry were written together and name each other.
    await auditSettled();
    const { rows } = await db().query<{ n: string }>(
      `SELECT count(*) AS n FROM verification_receipts r
         JOIN audit_events a ON a.id = r.audit_entry_id AND a.entity_id = r.id::text
        WHERE a.action = 'verification.checked'
          AND r.practitioner_id = (SELECT id FROM practitioners WHERE register_number = $1)`,
      [p.registerNumber],
    );
    expect(Number(rows[0].n)).toBe(4);
  });

  it('should keep receipts unchangeable, even by a direct database write', async () => {
    const p = await newPractitioner();
    const res = await check(p.registerNumber, {
      kind: 'degree',
      title: 'PhD',
      awardingBody: 'Nowhere',
    });
    await expect(
      db().query(`UPDATE verification_receipts SET outcome = 'verified' WHERE reference = $1`, [
        res.reference,
      ]),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      db().query(`DELETE FROM verification_receipts WHERE reference = $1`, [res.reference]),
    ).rejects.toThrow(/cannot be changed/);
    expect(
      (await api().get(`/api/v1/verifications/${res.reference}`).expect(200)).body.outcome,
    ).toBe('no-record');
  });

  it('should refuse bad input with problems and answer unknown references with 404', async () => {
    const bad = await api()
      .post('/api/v1/verifications')
      .send({
        registerNumber: 'DL10000005',
        claim: { kind: 'degree', title: 'x', awardingBody: 'y' },
      })
      .expect(400);
    expect(bad.body.code).toBe('PRACTITIONER.REGISTER_NUMBER_CHECK_DIGIT');
    const invalid = await api()
      .post('/api/v1/verifications')
      .send({ registerNumber: 'DL10000004', claim: { kind: 'diploma', level: 12 } })
      .expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['claim.kind', 'claim.title', 'claim.awardingBody', 'claim.level']),
    );
    await api().get('/api/v1/verifications/VR-AAAA-AAAA-AAAA').expect(404);
    await api().get('/api/v1/verifications/nonsense').expect(404);
  });

  it('should answer a check on an unknown register number as no-record, with a receipt', async () => {
    const res = await check('DL10000004', {
      kind: 'degree',
      title: 'MBA',
      awardingBody: 'Anywhere',
    });
    expect(res.outcome).toBe('no-record');
    await api().get(`/api/v1/verifications/${res.reference}`).expect(200);
  });
});
