import { randomBytes } from 'node:crypto';
import { api, asRegistrar, auditSettled, bearer, closeDb, count } from '../support/app.js';
import { idempotencyKey, newIssuer, newPractitioner } from '../support/factories.js';

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (n: number) =>
  new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface Standard {
  role: string;
  version: number;
  effectiveFrom: string;
  supersededFrom: string | null;
  competences: { competence: string; name: string; level: string }[];
  routes: { route: string; competences: unknown[] }[];
  attribution: string;
}

const CTO_COMPETENCES = [
  { competence: 'leadership-and-guidance', level: 'expert' },
  { competence: 'technical-understanding', level: 'expert' },
  { competence: 'information-security', level: 'expert' },
  { competence: 'strategic-thinking', level: 'practitioner' },
  { competence: 'financial-management', level: 'practitioner' },
  { competence: 'agile-and-lean-practices', level: 'practitioner' },
];

describe('Role standards', () => {
  afterAll(closeDb);

  it('should publish each role standard with its competences, routes and source', async () => {
    const cio = (await api().get('/api/v1/roles/CIO/standard').expect(200)).body as Standard;
    expect(cio).toMatchObject({ role: 'CIO', version: 1, effectiveFrom: '2000-01-01' });
    expect(cio.competences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          competence: 'strategic-thinking',
          name: 'Strategic thinking',
          level: 'expert',
        }),
      ]),
    );
    expect(cio.routes.map((r) => r.route)).toEqual(['qualification', 'assessed-portfolio']);
    expect(cio.attribution).toMatch(/Open Government Licence/);
    const ccio = (await api().get('/api/v1/roles/CCIO/standard').expect(200)).body as Standard;
    expect(ccio.routes.map((r) => r.route)).toEqual([
      'qualification',
      'assessed-portfolio',
      'clinical-registration',
    ]);
    await api().get('/api/v1/roles/NOSUCH/standard').expect(404);
    await api().get('/api/v1/roles/CIO/standard?on=1999-12-31').expect(404);
    await api().get('/api/v1/roles/CIO/standard?on=yesterday').expect(400);
    const competences = (await api().get('/api/v1/competences').expect(200)).body as unknown[];
    expect(competences.length).toBeGreaterThanOrEqual(10);
  });

  it('should certify on recognised programmes covering the standard, say the route, and align the badge', async () => {
    const [issuer, other, p] = await Promise.all([newIssuer(), newIssuer(), newPractitioner()]);
    const programme = (by: { apiKey: string }, issuerId: string, competences: object[]) =>
      api()
        .post(`/api/v1/issuers/${issuerId}/programmes`)
        .set('x-api-key', by.apiKey)
        .send({ title: `Technology Leadership ${randomBytes(3).toString('hex')}`, competences });
    const created = await programme(issuer, issuer.id, CTO_COMPETENCES).expect(201);
    const programmeId = (created.body as { id: string }).id;
    await programme(other, issuer.id, CTO_COMPETENCES).expect(404);
    expect(
      (
        await programme(issuer, issuer.id, [{ competence: 'juggling', level: 'expert' }]).expect(
          400,
        )
      ).body.code,
    ).toBe('PROGRAMME.UNKNOWN_COMPETENCE');
    const listed = (await api().get(`/api/v1/issuers/${issuer.id}/programmes`).expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: programmeId })]);

    const issue = (body: object) =>
      api()
        .post('/api/v1/credentials')
        .set('x-api-key', issuer.apiKey)
        .set('idempotency-key', idempotencyKey())
        .send({ registerNumber: p.registerNumber, ...body });
    // Another body's programme is refused, and nothing is issued.
    const before = await count('SELECT 1 FROM credentials WHERE issuer_id = $1', [other.id]);
    await api()
      .post('/api/v1/credentials')
      .set('x-api-key', other.apiKey)
      .set('idempotency-key', idempotencyKey())
      .send({
        registerNumber: p.registerNumber,
        kind: 'certificate',
        title: 'X',
        awardedOn: '2024-01-01',
        programmeId,
      })
      .expect(400);
    expect(await count('SELECT 1 FROM credentials WHERE issuer_id = $1', [other.id])).toBe(before);

    const certificate = await issue({
      kind: 'certificate',
      title: 'Postgraduate Certificate in Technology Leadership',
      awardedOn: '2024-07-01',
      programmeId,
    }).expect(201);
    expect(certificate.body).toMatchObject({ programmeId, competences: CTO_COMPETENCES });
    await issue({ kind: 'cpd', title: 'CPD 2025', cpdHours: 40, awardedOn: today() }).expect(201);

    const entry = (await api().get(`/api/v1/register/${p.registerNumber}`).expect(200)).body;
    const cto = entry.roles.find((r: { role: string }) => r.role === 'CTO');
    expect(cto).toMatchObject({
      standing: 'certified',
      route: 'qualification',
      standardVersion: 1,
      grandfathered: false,
    });
    // No degree is held: the competence mapping, not the old degree requirement, certified.
    expect(entry.credentials.some((c: { kind: string }) => c.kind === 'degree')).toBe(false);
    const cio = entry.roles.find((r: { role: string }) => r.role === 'CIO');
    expect(cio).toBeUndefined();

    const mine = (
      await api().get('/api/v1/practitioners/me/standing').set(bearer(p.token)).expect(200)
    ).body.roles.find((r: { roleCode: string }) => r.roleCode === 'CIO');
    expect(mine.standing).toBe('not-certified');
    expect(mine.routes.map((r: { route: string }) => r.route)).toEqual([
      'qualification',
      'assessed-portfolio',
    ]);
    expect(mine.routes[0].missing.join(' ')).toMatch(
      /Stakeholder relationship management at expert level/,
    );

    const vc = await api()
      .get(`/api/v1/credentials/${(certificate.body as { id: string }).id}/vc`)
      .set(bearer(p.token))
      .set('accept', 'application/ld+json')
      .expect(200);
    const alignment = JSON.parse(vc.text).credentialSubject.achievement.alignment as {
      targetCode: string;
      targetFramework: string;
    }[];
    expect(alignment).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          targetCode: 'technical-understanding:expert',
          targetFramework: expect.stringMatching(/Capability Framework/),
        }),
      ]),
    );
  });

  it('should let only the registrar add a version, from a date not in the past, and audit it', async () => {
    const registrar = await asRegistrar();
    const code = `TS${randomBytes(3).toString('hex').toUpperCase()}`;
    await api()
      .post('/api/v1/roles')
      .set(bearer(registrar))
      .send({
        code,
        title: 'Chief Standards Test Officer',
        clinical: false,
        requirements: {
          credentials: [],
          professionalRegistration: false,
          cpdHoursPerYear: 0,
          graceDays: 90,
        },
      })
      .expect(201);
    const body = (effectiveFrom: string) => ({
      effectiveFrom,
      competences: [{ competence: 'user-focus', level: 'expert' }],
      cpdHoursPerYear: 0,
      graceDays: 90,
      note: 'First standard',
    });
    const issuer = await newIssuer();
    await api()
      .post(`/api/v1/roles/${code}/standard/versions`)
      .set(bearer(issuer.token))
      .send(body(today()))
      .expect(403);
    await api().get(`/api/v1/roles/${code}/standard`).expect(404);
    expect(
      (
        await api()
          .post(`/api/v1/roles/${code}/standard/versions`)
          .set(bearer(registrar))
          .send(body('2020-01-01'))
          .expect(400)
      ).body.code,
    ).toBe('STANDARD.PAST_DATE');
    await api()
      .post(`/api/v1/roles/${code}/standard/versions`)
      .set(bearer(registrar))
      .send(body(today()))
      .expect(201);
    const v2 = await api()
      .post(`/api/v1/roles/${code}/standard/versions`)
      .set(bearer(registrar))
      .send({
        ...body(daysFromToday(30)),
        competences: [{ competence: 'user-focus', level: 'practitioner' }],
        note: 'Lower bar',
      })
      .expect(201);
    expect(v2.body).toMatchObject({ version: 2, effectiveFrom: daysFromToday(30) });
    await api()
      .post(`/api/v1/roles/${code}/standard/versions`)
      .set(bearer(registrar))
      .send(body(daysFromToday(10)))
      .expect(409);
    const now = (await api().get(`/api/v1/roles/${code}/standard`).expect(200)).body as Standard;
    expect(now).toMatchObject({ version: 1, supersededFrom: daysFromToday(30) });
    await auditSettled();
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE action = 'role.standard-version-added' AND entity_id = $1`,
        [code],
      ),
    ).toBe(2);

    // Someone with a programme covering the standard is certified in the new role.
    const p = await newPractitioner();
    const programme = await api()
      .post(`/api/v1/issuers/${issuer.id}/programmes`)
      .set('x-api-key', issuer.apiKey)
      .send({
        title: 'User-centred leadership',
        competences: [{ competence: 'user-focus', level: 'expert' }],
      })
      .expect(201);
    await api()
      .post('/api/v1/credentials')
      .set('x-api-key', issuer.apiKey)
      .set('idempotency-key', idempotencyKey())
      .send({
        registerNumber: p.registerNumber,
        kind: 'certificate',
        title: 'User-centred leadership',
        awardedOn: today(),
        programmeId: (programme.body as { id: string }).id,
      })
      .expect(201);
    const entry = (await api().get(`/api/v1/register/${p.registerNumber}`).expect(200)).body;
    expect(entry.roles.find((r: { role: string }) => r.role === code)).toMatchObject({
      standing: 'certified',
      route: 'qualification',
      standardVersion: 1,
    });
  });
});
