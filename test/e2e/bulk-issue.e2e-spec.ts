import { api, closeDb, count, db } from '../support/app.js';
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

  it('should report every row of a file spanning several batches, with bad and already-issued rows mixed in, and resend it safely', async () => {
    const own = await newIssuer();
    const holders = await Promise.all([newPractitioner(), newPractitioner(), newPractitioner()]);
    const send = (body: string) =>
      api()
        .post('/api/v1/credentials/bulk')
        .set('x-api-key', own.apiKey)
        .set('content-type', 'text/csv')
        .send(body);
    const line = (i: number) => {
      const holder = holders[i % holders.length]?.registerNumber ?? '';
      if (i % 97 === 5) return `${holder},degree,,2020-01-01,MIX-${i}`; // no title
      if (i % 89 === 7) return `DL123,degree,Malformed holder,2020-01-01,MIX-${i}`;
      return `${holder},certificate,Certificate ${i},2020-01-01,MIX-${i}`;
    };
    const header = 'registerNumber,kind,title,awardedOn,issuerReference';
    // 300 rows issued first, so the full file finds them already issued, in the middle of a batch.
    const early = [header, ...Array.from({ length: 300 }, (_, i) => line(i + 700))].join('\n');
    await send(early).expect(200);

    const total = 2_150;
    const file = [header, ...Array.from({ length: total }, (_, i) => line(i))].join('\n');
    const first = await send(file).expect(200);
    const reports = first.body.rows as {
      row: number;
      outcome: string;
      credentialId?: string;
      code?: string;
    }[];
    expect(reports.map((r) => r.row)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const bad = (i: number) => i % 97 === 5 || i % 89 === 7;
    const expected = (i: number) =>
      bad(i) ? 'refused' : i >= 700 && i < 1000 ? 'already-issued' : 'issued';
    expect(reports.map((r) => r.outcome)).toEqual(
      Array.from({ length: total }, (_, i) => expected(i)),
    );
    const refused = reports.filter((r) => r.outcome === 'refused');
    expect(new Set(refused.map((r) => r.code))).toEqual(
      new Set(['REQUEST.VALIDATION_FAILED', 'PRACTITIONER.REGISTER_NUMBER_INVALID']),
    );
    const goodRows = Array.from({ length: total }, (_, i) => i).filter((i) => !bad(i));
    expect(first.body.summary).toMatchObject({
      rows: total,
      issued: goodRows.filter((i) => i < 700 || i >= 1000).length,
      alreadyIssued: goodRows.filter((i) => i >= 700 && i < 1000).length,
      refused: refused.length,
    });

    // Every credential has exactly one issue history row, audit event and outbox event.
    const ids = reports.flatMap((r) => (r.credentialId ? [r.credentialId] : []));
    expect(new Set(ids).size).toBe(goodRows.length);
    expect(await count(`SELECT 1 FROM credentials WHERE issuer_id = $1`, [own.id])).toBe(
      goodRows.length,
    );
    const once = async (sql: string) =>
      (await db().query<{ n: string }>(sql, [ids])).rows.map((r) => Number(r.n));
    expect(
      await once(
        `SELECT count(*) AS n FROM credential_status_changes WHERE credential_id = ANY($1::uuid[]) AND action = 'issue' GROUP BY credential_id`,
      ),
    ).toEqual(ids.map(() => 1));
    expect(
      await once(
        `SELECT count(*) AS n FROM outbox_events WHERE subject_id = ANY($1::uuid[]) AND type = 'credential.issued' GROUP BY subject_id`,
      ),
    ).toEqual(ids.map(() => 1));

    const again = await send(file).expect(200);
    expect(again.body.summary).toMatchObject({
      rows: total,
      issued: 0,
      alreadyIssued: goodRows.length,
      refused: refused.length,
    });
    expect(
      (again.body.rows as { credentialId?: string }[]).flatMap((r) =>
        r.credentialId ? [r.credentialId] : [],
      ),
    ).toEqual(ids);
    expect(await count(`SELECT 1 FROM credentials WHERE issuer_id = $1`, [own.id])).toBe(
      goodRows.length,
    );
  });

  it('should give every credential its own status list entry when a batch fills a list and opens the next', async () => {
    const own = await newIssuer();
    const p = await newPractitioner();
    const send = (rows: string[]) =>
      api()
        .post('/api/v1/credentials/bulk')
        .set('x-api-key', own.apiKey)
        .set('content-type', 'text/csv')
        .send(['registerNumber,kind,title,awardedOn,issuerReference', ...rows].join('\n'));
    const row = (ref: string) => `${p.registerNumber},certificate,Cert ${ref},2021-01-01,${ref}`;
    await send([row('EDGE-0')]).expect(200);
    // Leave three free positions in the issuer's list, so the next batch crosses into a new one.
    const filled = await db().query<{ id: string; size: number }>(
      `UPDATE status_lists SET allocated = size - 3
        WHERE owner_id = $1 AND purpose = 'revocation' RETURNING id, size`,
      [own.id],
    );
    expect(filled.rowCount).toBe(1);
    const [first] = filled.rows;

    const res = await send(Array.from({ length: 10 }, (_, i) => row(`EDGE-${i + 1}`))).expect(200);
    expect(res.body.summary).toMatchObject({ rows: 10, issued: 10 });

    const { rows } = await db().query<{ list: string; index: number }>(
      `SELECT status_list_id AS list, status_list_index AS index FROM credentials WHERE issuer_id = $1`,
      [own.id],
    );
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => `${r.list}:${r.index}`)).size).toBe(11);
    expect(rows.filter((r) => r.list === first.id)).toHaveLength(4);
    expect(rows.every((r) => r.index >= 0 && r.index < first.size)).toBe(true);
    const lists = await db().query<{ id: string; allocated: number }>(
      `SELECT id, allocated FROM status_lists WHERE owner_id = $1 AND purpose = 'revocation' ORDER BY created_at`,
      [own.id],
    );
    expect(lists.rows.map((l) => l.allocated)).toEqual([first.size, 7]);
    expect(rows.filter((r) => r.list === lists.rows[1]?.id)).toHaveLength(7);
  });
});
