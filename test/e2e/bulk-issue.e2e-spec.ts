import { api, closeDb, count } from '../support/app.js';
import { newIssuer, newPractitioner, type TestIssuer } from '../support/factories.js';

describe('Bulk issuing', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await newIssuer();
  });
  afterAll(closeDb);

  const post = (type: string, body: string) =>
    api()
      .post('/api/v1/credentials/bulk')
      .set('x-api-key', issuer.apiKey)
      .set('content-type', type)
      .send(body);

  it('should issue good CSV rows, refuse bad ones with reasons, and be safe to resend', async () => {
    const [a, b] = await Promise.all([newPractitioner(), newPractitioner()]);
    const badDigit = a.registerNumber.slice(0, 9) + String((Number(a.registerNumber[9]) + 3) % 10);
    const csv = [
      'registerNumber,kind,title,subject,level,result,awardedOn,issuerReference,cpdHours',
      `${a.registerNumber},degree,MSc Digital Health,Digital Health,7,Merit,2022-07-01,REF-A-1,`,
      `${b.registerNumber},cpd,Cyber security for leaders,,,,2025-03-01,REF-B-1,6`,
      `${badDigit},degree,BSc Computing,,6,2:1,2010-07-01,REF-BAD-1,`,
      `${a.registerNumber},degree,BSc Future,,6,,2999-01-01,REF-BAD-2,`,
      `${a.registerNumber},degree,No reference,,6,,2010-01-01,,`,
      `${b.registerNumber},degree,MSc Digital Health,,7,,2022-07-01,REF-A-1,`,
    ].join('\n');
    const first = await post('text/csv', csv).expect(200);
    expect(first.body.summary).toMatchObject({ rows: 6, issued: 2, refused: 4 });
    const outcomes = first.body.rows.map((r: { outcome: string }) => r.outcome);
    expect(outcomes).toEqual(['issued', 'issued', 'refused', 'refused', 'refused', 'refused']);
    expect(first.body.rows[2].errors[0].field).toBe('registerNumber');
    expect(first.body.rows[3].errors[0].field).toBe('awardedOn');
    expect(first.body.rows[4].errors[0].field).toBe('issuerReference');
    expect(await count(`SELECT 1 FROM credentials WHERE issuer_id = $1`, [issuer.id])).toBe(2);

    const again = await post('text/csv', csv).expect(200);
    expect(again.body.summary).toMatchObject({ rows: 6, issued: 0, alreadyIssued: 2, refused: 4 });
    expect(again.body.rows[0].credentialId).toBe(first.body.rows[0].credentialId);
    expect(await count(`SELECT 1 FROM credentials WHERE issuer_id = $1`, [issuer.id])).toBe(2);
  });

  it('should take a JSON array and report rows that are not objects', async () => {
    const p = await newPractitioner();
    const rows = [
      {
        registerNumber: p.registerNumber,
        kind: 'certificate',
        title: 'Digital Academy Fellowship',
        awardedOn: '2024-06-01',
        issuerReference: 'JSON-1',
      },
      'not an object',
      {
        registerNumber: p.registerNumber,
        kind: 'certificate',
        title: 'X',
        awardedOn: '2024-06-01',
        issuerReference: 'JSON-2',
        status: 'revoked',
      },
    ];
    const res = await post('application/json', JSON.stringify(rows)).expect(200);
    expect(res.body.summary).toMatchObject({ rows: 3, issued: 1, refused: 2 });
    expect(res.body.rows[2].errors[0].field).toBe('status');
  });

  it('should refuse a file with unknown columns or another media type before issuing anything', async () => {
    const p = await newPractitioner();
    const res = await post(
      'text/csv',
      `registerNumber,kind,title,awardedOn,issuerReference,status\n${p.registerNumber},degree,T,2020-01-01,U-1,revoked`,
    ).expect(400);
    expect(res.body.code).toBe('BULK.UNKNOWN_COLUMNS');
    await post('text/plain', 'hello').expect(415);
    expect(await count(`SELECT 1 FROM credentials WHERE issuer_reference = 'U-1'`)).toBe(0);
  });

  it('should refuse malformed JSON with a 400 problem', async () => {
    const res = await post('application/json', '{"not":"an array"').expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
