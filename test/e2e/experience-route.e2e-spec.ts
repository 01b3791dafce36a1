import { api, asRegistrar, bearer, closeDb } from '../support/app.js';
import { newEmployer, newIssuer, newPractitioner } from '../support/factories.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { checkPage, submit, useBrowser, watchConsole } from '../support/web-browser.js';

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

describe('Experience route', () => {
  let smtp: TestSmtp;
  const session = useBrowser(90_000);

  beforeAll(async () => {
    smtp = await startSmtp();
  });

  afterAll(async () => {
    await smtp.close();
    await closeDb();
  });

  it('should walk a portfolio from two referees confirming by email to a certified CIO with the route on the entry and the receipt', async () => {
    const [body, otherBody, applicant, colleague, employer] = await Promise.all([
      newIssuer({ kind: 'professional-body' }),
      newIssuer(),
      newPractitioner({ givenName: 'Priya' }),
      newPractitioner({ givenName: 'Colin' }),
      newEmployer(),
    ]);
    const registrar = await asRegistrar();
    const portfolio = {
      roleCode: 'CIO',
      assessorIssuerId: body.id,
      rolesHeld: [
        {
          title: 'Director of Digital',
          organisation: 'Northshire NHS Trust',
          from: '2016-04-01',
          to: null,
          scope: 'Led 120 staff and a £14m budget; replaced the trust EPR',
        },
      ],
      evidence: [
        {
          title: 'Digital strategy 2020-2025',
          description: 'Board-approved strategy I wrote and led',
        },
      ],
      referees: [
        {
          kind: 'register',
          registerNumber: colleague.registerNumber,
          relationship: 'Chief executive',
        },
        { kind: 'employer', email: employer.email, relationship: 'HR director at my employer' },
      ],
    };
    // An unverified employer's staff cannot be a referee.
    const refused = await api()
      .post('/api/v1/practitioners/me/portfolios')
      .set(bearer(applicant.token))
      .send(portfolio)
      .expect(400);
    expect(refused.body.code).toBe('PORTFOLIO.REFEREE_NOT_ELIGIBLE');
    await api()
      .post(`/api/v1/organisations/${employer.organisationId}/verify`)
      .set(bearer(registrar))
      .expect((r) => expect([200, 201, 204]).toContain(r.status));
    // Nor can the applicant name themselves.
    await api()
      .post('/api/v1/practitioners/me/portfolios')
      .set(bearer(applicant.token))
      .send({
        ...portfolio,
        referees: [
          { kind: 'register', registerNumber: applicant.registerNumber, relationship: 'Myself' },
          portfolio.referees[1],
        ],
      })
      .expect(400);

    const created = await api()
      .post('/api/v1/practitioners/me/portfolios')
      .set(bearer(applicant.token))
      .send(portfolio)
      .expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      status: 'draft',
      registerNumber: applicant.registerNumber,
    });
    // Someone else's portfolio is not there for them, nor for a body not asked to assess it.
    await api()
      .get(`/api/v1/practitioners/me/portfolios/${id}`)
      .set(bearer(colleague.token))
      .expect(404);
    await api().get(`/api/v1/portfolios/${id}`).set(bearer(otherBody.token)).expect(404);
    // Not assessable before it is submitted.
    await api()
      .post(`/api/v1/portfolios/${id}/assessments`)
      .set('x-api-key', body.apiKey)
      .send({ outcome: 'certified', reasons: 'Looks good to us, on paper.' })
      .expect(409);

    const submitted = await api()
      .post(`/api/v1/practitioners/me/portfolios/${id}/submit`)
      .set(bearer(applicant.token))
      .expect(200);
    expect(submitted.body.referees.map((r: { status: string }) => r.status)).toEqual([
      'awaiting',
      'awaiting',
    ]);

    const toColleague = await smtp.waitFor(
      (await api().get('/api/v1/me').set(bearer(colleague.token)).expect(200)).body.email ??
        'missing',
      /Reference request/,
    );
    const toEmployer = await smtp.waitFor(employer.email, /Reference request/);
    const colleagueLink = toColleague.links.find((l) => l.includes('/referees/answer')) ?? '';
    const employerLink = toEmployer.links.find((l) => l.includes('/referees/answer')) ?? '';

    // Certifying needs both referees.
    await api()
      .post('/api/v1/referee-answers')
      .send({
        token: tokenOf(colleagueLink),
        answer: 'confirmed',
        comment: 'Worked with Priya for 6 years.',
      })
      .expect(201);
    // A link works once.
    await api()
      .post('/api/v1/referee-answers')
      .send({ token: tokenOf(colleagueLink), answer: 'declined' })
      .expect(404);
    await api()
      .post(`/api/v1/portfolios/${id}/assessments`)
      .set('x-api-key', body.apiKey)
      .send({ outcome: 'certified', reasons: 'Every competence evidenced.' })
      .expect(409);
    // The employer's referee answers in the browser, through the page the mail links to.
    const page = await session.context().newPage();
    const problems = watchConsole(page);
    const url = new URL(employerLink);
    const form = await page.goto(`${url.pathname}${url.search}`);
    await checkPage(page, form, 'experience-route', '01-referee-answer');
    await page.getByLabel('Yes, I confirm them').check();
    const answered = await submit(page, 'Send my answer');
    await checkPage(page, answered, 'experience-route', '02-referee-answered');
    await expect(page.locator('h1').textContent()).resolves.toContain('Your answer is recorded');
    expect(problems).toEqual([]);
    const again = await page.request.get(`${url.pathname}${url.search}`);
    expect(again.status()).toBe(200);

    // The body finds it among the portfolios it was asked to assess; the other body does not.
    const queue = (
      await api()
        .get('/api/v1/portfolios?status=submitted')
        .set('x-api-key', body.apiKey)
        .expect(200)
    ).body;
    expect(queue.items.map((p: { id: string }) => p.id)).toContain(id);
    const others = (
      await api().get('/api/v1/portfolios').set('x-api-key', otherBody.apiKey).expect(200)
    ).body;
    expect(others.items.map((p: { id: string }) => p.id)).not.toContain(id);
    await api().get('/api/v1/portfolios').set(bearer(applicant.token)).expect(403);

    // The assessing body sees who answered, what and when.
    const seen = (await api().get(`/api/v1/portfolios/${id}`).set(bearer(body.token)).expect(200))
      .body;
    expect(seen.referees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          status: 'confirmed',
          comment: 'Worked with Priya for 6 years.',
          answeredAt: expect.any(String),
          answeredBy: expect.any(String),
        }),
      ]),
    );
    // Only the body asked may assess.
    await api()
      .post(`/api/v1/portfolios/${id}/assessments`)
      .set('x-api-key', otherBody.apiKey)
      .send({ outcome: 'certified', reasons: 'We were not asked, but still.' })
      .expect(404);
    const assessed = await api()
      .post(`/api/v1/portfolios/${id}/assessments`)
      .set('x-api-key', body.apiKey)
      .send({
        outcome: 'certified',
        reasons: 'Every competence evidenced; both referees confirmed.',
      })
      .expect(201);
    expect(assessed.body).toMatchObject({ status: 'certified', credentialId: expect.any(String) });

    const credential = (
      await api()
        .get(`/api/v1/credentials/${assessed.body.credentialId}`)
        .set(bearer(applicant.token))
        .expect(200)
    ).body;
    expect(credential).toMatchObject({ provenance: 'assessed-portfolio', awardingBody: body.name });

    // CPD keeps the certification current, as on every route.
    await api()
      .post('/api/v1/credentials')
      .set('x-api-key', body.apiKey)
      .set('idempotency-key', `cpd-${id}`)
      .send({
        registerNumber: applicant.registerNumber,
        kind: 'cpd',
        title: 'CPD',
        cpdHours: 35,
        awardedOn: new Date().toISOString().slice(0, 10),
      })
      .expect(201);
    const entry = (await api().get(`/api/v1/register/${applicant.registerNumber}`).expect(200))
      .body;
    expect(entry.roles.find((r: { role: string }) => r.role === 'CIO')).toMatchObject({
      standing: 'certified',
      route: 'assessed-portfolio',
      standardVersion: 1,
    });
    expect(entry.credentials).toEqual(
      expect.arrayContaining([expect.objectContaining({ provenance: 'assessed-portfolio' })]),
    );

    const shown = await page.goto(`/register/${applicant.registerNumber}`);
    await checkPage(page, shown, 'experience-route', '03-register-entry');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Certified through the experience route (assessed portfolio), under version 1 of the standard',
    );

    const check = await api()
      .post('/api/v1/verifications')
      .set(bearer(employer.token))
      .send({
        registerNumber: applicant.registerNumber,
        claim: { kind: 'certificate', title: credential.title, awardingBody: body.name },
      })
      .expect(201);
    expect(check.body.outcome).toBe('verified');
    const receipt = (await api().get(`/api/v1/verifications/${check.body.reference}`).expect(200))
      .body;
    expect(JSON.stringify(receipt)).toContain('assessed-portfolio');
  }, 90_000);
});
