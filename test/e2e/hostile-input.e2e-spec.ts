import { api, asRegistrar, bearer, closeDb } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';

interface Problem {
  code: string;
  status: number;
  errors?: Array<{ field: string; message: string }>;
}

function expectRefused(
  res: { status: number; headers: Record<string, string>; body: unknown },
  field: string,
) {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.body as Problem;
  expect(body.code).toBe('REQUEST.INVALID_CHARACTERS');
  expect(body.errors?.map((e) => e.field)).toEqual([field]);
}

// Raw JSON so the lone surrogate reaches the server as the escape a hostile client sends.
const rawJson = (value: Record<string, unknown>) =>
  JSON.stringify(value).replace(/LONE_SURROGATE/g, '\\ud800');

describe('Hostile strings', () => {
  afterAll(closeDb);

  it('should refuse a NUL in the register search query as a 400 naming q', async () => {
    expectRefused(await api().get('/api/v1/register?q=%00'), 'q');
  });

  it('should refuse a NUL in a path parameter', async () => {
    expectRefused(await api().get('/api/v1/register/DL%0012345'), 'registerNumber');
  });

  it('should refuse a NUL in a registration name', async () => {
    const res = await api().post('/api/v1/auth/register').send({
      email: 'nul-name@example.test',
      password: 'practitioner-password-1',
      givenName: 'A\u0000b',
      familyName: 'Tester',
      dateOfBirth: '1980-05-17',
    });
    expectRefused(res, 'givenName');
  });

  it('should refuse a NUL in a verification claim title', async () => {
    const res = await api()
      .post('/api/v1/verifications')
      .send({
        registerNumber: 'DL00000000',
        claim: { kind: 'degree', title: 'MSc\u0000', awardingBody: 'Northshire University' },
      });
    expectRefused(res, 'claim.title');
  });

  it('should refuse a NUL in an issuer name and a share-code purpose', async () => {
    const registrar = await asRegistrar();
    const issuer = await api()
      .post('/api/v1/issuers')
      .set(bearer(registrar))
      .send({ name: 'Bad\u0000 University', kind: 'university' });
    expectRefused(issuer, 'name');
    const p = await newPractitioner();
    const code = await api()
      .post('/api/v1/share-codes')
      .set(bearer(p.token))
      .send({ purpose: 'checks\u0000', expiresInDays: 5 });
    expectRefused(code, 'purpose');
  });

  it('should refuse a lone surrogate in a login email', async () => {
    const res = await api()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(rawJson({ email: 'someoneLONE_SURROGATE@example.test', password: 'whatever-it-is' }));
    expectRefused(res, 'email');
  });

  it('should refuse a NUL in a page form field with the HTML error page', async () => {
    const res = await api().get('/register?q=%00').set('accept', 'text/html');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('should refuse bodies nested deeper than any request needs', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await api()
      .post('/api/v1/verifications')
      .set('content-type', 'application/json')
      .send(`{"registerNumber":${deep}}`);
    expect(res.status).toBe(400);
    expect((res.body as Problem).code).toBe('REQUEST.TOO_DEEP');
  });

  it('should refuse a body of 300,000 empty objects at once, with a small answer', async () => {
    const started = Date.now();
    const res = await api()
      .post('/api/v1/verifications')
      .set('content-type', 'application/json')
      .send(`[${'{},'.repeat(300_000)}{}]`);
    expect(res.status).toBe(400);
    expect((res.body as Problem).code).toBe('REQUEST.TOO_MANY_VALUES');
    expect(res.text.length).toBeLessThan(2_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('should list at most 50 invalid fields in a validation problem', async () => {
    const fields = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, 1]));
    const res = await api().post('/api/v1/verifications').send(fields);
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors?.length).toBe(50);
    expect(res.text.length).toBeLessThan(20_000);
  });
});
