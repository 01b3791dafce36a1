import { api, bearer, closeDb } from '../support/app.js';
import { idempotencyKey, newIssuer, newPractitioner } from '../support/factories.js';

describe('Role standing', () => {
  afterAll(closeDb);

  it('should move a newly appointed CIO from not certified to provisional to certified once a degree, a certificate and CPD are issued, and lapsed after revocation', async () => {
    const [issuer, p] = await Promise.all([newIssuer(), newPractitioner()]);
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({
        appointments: [
          {
            roleCode: 'CIO',
            organisation: 'Northshire NHS Trust',
            startDate: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10),
          },
        ],
      })
      .expect(200);
    const standing = async () =>
      (
        await api().get('/api/v1/practitioners/me/standing').set(bearer(p.token)).expect(200)
      ).body.roles.find((r: { roleCode: string }) => r.roleCode === 'CIO');
    expect((await standing()).standing).toBe('not-certified');
    const issue = (body: object) =>
      api()
        .post('/api/v1/credentials')
        .set('x-api-key', issuer.apiKey)
        .set('idempotency-key', idempotencyKey())
        .send({ registerNumber: p.registerNumber, ...body })
        .expect(201);
    await issue({
      kind: 'degree',
      title: 'BSc Computer Science',
      level: 6,
      awardedOn: '2005-07-01',
    });
    // Partly met within a year of appointment.
    expect((await standing()).standing).toBe('provisional');
    const cert = await issue({
      kind: 'certificate',
      title: 'Digital Leadership Programme',
      awardedOn: '2022-03-01',
    });
    const thisYear = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await issue({ kind: 'cpd', title: 'Board cyber briefing', cpdHours: 30, awardedOn: thisYear });
    const certified = await standing();
    expect(certified).toMatchObject({
      standing: 'certified',
      appointed: true,
      requirementsMet: certified.requirementsTotal,
    });
    await api()
      .post(`/api/v1/credentials/${cert.body.id}/revoke`)
      .set('x-api-key', issuer.apiKey)
      .send({ reason: 'Withdrawn' })
      .expect(200);
    const after = await standing();
    expect(after.standing).not.toBe('certified');
    expect(after.reasons.map((r: { code: string }) => r.code)).toContain('CREDENTIAL_REVOKED');
    await api()
      .get('/api/v1/practitioners/me/standing?on=2999-01-01')
      .set(bearer(p.token))
      .expect(400);
  });
});
