import { api, bearer, closeDb, count } from '../support/app.js';
import { idempotencyKey, newEmployer, newIssuer, newPractitioner } from '../support/factories.js';

type Line = Record<string, unknown> & { row?: number; outcome?: string };
const lines = (text: string): Line[] =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

describe('Employer bulk checks', () => {
  afterAll(closeDb);

  it('should check each row like a single check, by register number or GMC number, with receipts, and repeat answers on a resend', async () => {
    const university = await newIssuer({ name: `University of Bulkshire ${Date.now()}` });
    const [a, b] = await Promise.all([newPractitioner(), newPractitioner()]);
    const gmc = `7${String(Date.now()).slice(-6)}`;
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(b.token))
      .send({ registrations: [{ body: 'GMC', number: gmc }] })
      .expect(200);
    for (const p of [a, b]) {
      await api()
        .post('/api/v1/credentials')
        .set('x-api-key', university.apiKey)
        .set('idempotency-key', idempotencyKey())
        .send({
          registerNumber: p.registerNumber,
          kind: 'degree',
          title: 'MSc Health Informatics',
          level: 7,
          result: 'Merit',
          awardedOn: '2015-07-01',
        })
        .expect(201);
    }
    const employer = await newEmployer();
    const wrongDigit = `${a.registerNumber.slice(0, -1)}${(Number(a.registerNumber.slice(-1)) + 1) % 10}`;
    const csv = [
      'registerNumber,registrationBody,registrationNumber,kind,title,awardingBody,level,result,awardedYear',
      `${a.registerNumber},,,degree,MSc Health Informatics,${university.name},7,Merit,2015`,
      `,GMC,${gmc},degree,MSc Health Informatics,${university.name},7,Distinction,2015`,
      `${wrongDigit},,,degree,MSc Health Informatics,${university.name},7,Merit,2015`,
      `${a.registerNumber},,,degree,,${university.name},,,`,
    ].join('\n');
    const key = idempotencyKey();
    const send = () =>
      api()
        .post('/api/v1/verifications/bulk')
        .set(bearer(employer.token))
        .set('idempotency-key', key)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
    const res = await send();
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const report = lines(res.text);
    expect(report).toHaveLength(5);
    expect(report[0]).toMatchObject({
      row: 1,
      registerNumber: a.registerNumber,
      outcome: 'verified',
      reference: expect.any(String),
    });
    expect(report[1]).toMatchObject({
      row: 2,
      registerNumber: b.registerNumber,
      outcome: 'partial-match',
    });
    expect(
      (report[1].fields as { field: string; match: string }[]).find((f) => f.field === 'result'),
    ).toMatchObject({ claimed: 'Distinction', recorded: 'Merit', match: 'mismatch' });
    expect(report[2]).toMatchObject({ row: 3, code: 'PRACTITIONER.REGISTER_NUMBER_CHECK_DIGIT' });
    expect(report[3]).toMatchObject({
      row: 4,
      code: 'REQUEST.VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'claim.title' })]),
    });
    expect(report[4]).toEqual({
      summary: expect.objectContaining({
        rows: 4,
        checked: 2,
        repeated: 0,
        refused: 2,
        outcomes: { verified: 1, 'partial-match': 1 },
      }),
    });

    // Each answer is a real receipt anyone can look up.
    const receipt = await api()
      .get(`/api/v1/verifications/${report[0].reference as string}`)
      .expect(200);
    expect(receipt.body).toMatchObject({ outcome: 'verified', genuine: true });

    // A resend with the same key gives the same answers and makes no new receipts.
    const receipts = () =>
      count(`SELECT 1 FROM verification_receipts WHERE register_number = ANY($1::varchar[])`, [
        [a.registerNumber, b.registerNumber],
      ]);
    const before = await receipts();
    const again = lines((await send()).text);
    expect(again.slice(0, 2).map((l) => [l.reference, l.repeated])).toEqual([
      [report[0].reference, true],
      [report[1].reference, true],
    ]);
    expect(again.at(-1)).toMatchObject({ summary: { checked: 0, repeated: 4 } });
    expect(await receipts()).toBe(before);
  });

  it('should take a JSON array shaped like single checks and answer as CSV when asked', async () => {
    const p = await newPractitioner();
    const res = await api()
      .post('/api/v1/verifications/bulk')
      .set('content-type', 'application/json')
      .set('accept', 'text/csv')
      .send(
        JSON.stringify([
          {
            registerNumber: p.registerNumber,
            claim: { kind: 'degree', title: 'PhD Made Up', awardingBody: 'Nowhere University' },
          },
          'not an object',
        ]),
      )
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = res.text.trim().split('\r\n');
    expect(rows[0]).toBe('row,registerNumber,outcome,reference,receiptUrl,differences,code,errors');
    expect(rows[1]).toMatch(new RegExp(`^1,${p.registerNumber},no-record,`));
    expect(rows[2]).toMatch(/^2,,,,,,REQUEST.VALIDATION_FAILED,/);
    expect(rows[3]).toMatch(/^summary,/);
  });

  it('should refuse a file it cannot read', async () => {
    await api()
      .post('/api/v1/verifications/bulk')
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(415);
    const res = await api()
      .post('/api/v1/verifications/bulk')
      .set('content-type', 'text/csv')
      .send('registerNumber,favouriteColour\nDL00000000,blue')
      .expect(400);
    expect(res.body.code).toBe('BULK.UNKNOWN_COLUMNS');
  });
});
