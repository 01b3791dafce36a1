import { api, auditSettled, bearer, closeDb, count, db, login, REGISTRAR } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';
import { craftToken, nowSeconds } from '../support/tokens.js';

// The registrar's token version as the database holds it: an earlier spec's sign-out raises it.
let registrarTokenVersion = 0;

const claims = (sub: string, extra: Record<string, unknown> = {}) => ({
  sub,
  role: 'registrar',
  ver: registrarTokenVersion,
  iss: 'digital-leadership-registry',
  aud: 'digital-leadership-registry-api',
  iat: nowSeconds(),
  exp: nowSeconds() + 600,
  ...extra,
});

describe('Accounts and tokens', () => {
  afterAll(closeDb);

  it('should answer a wrong password and an unknown email with the same 401 body', async () => {
    const wrong = await api()
      .post('/api/v1/auth/login')
      .send({ email: REGISTRAR.email, password: 'nope-nope-nope' });
    const unknown = await api()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.test', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    const strip = (b: Record<string, unknown>) => ({ ...b, correlationId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('AUTH.INVALID_CREDENTIALS');
  });

  it('should record a failed login in the audit trail without personal data', async () => {
    await auditSettled();
    const before = await count(`SELECT 1 FROM audit_events WHERE action = 'auth.login-failed'`);
    await api()
      .post('/api/v1/auth/login')
      .send({ email: 'ghost@example.test', password: 'whatever-123' })
      .expect(401);
    await auditSettled();
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'auth.login-failed'`)).toBe(
      before + 1,
    );
    const { rows } = await db().query(
      `SELECT data::text AS d FROM audit_events ORDER BY seq DESC LIMIT 20`,
    );
    expect(rows.map((r: { d: string }) => r.d).join()).not.toContain('ghost@example.test');
  });

  it('should register a practitioner with a valid register number and show them in /me', async () => {
    const p = await newPractitioner({ givenName: 'Priya', familyName: 'Shah' });
    expect(p.registerNumber).toMatch(/^DL\d{8}$/);
    const me = await api().get('/api/v1/me').set(bearer(p.token)).expect(200);
    expect(me.body).toMatchObject({
      role: 'practitioner',
      email: p.email,
      practitioner: { registerNumber: p.registerNumber },
    });
    const { rows } = await db().query(`SELECT password_hash FROM users WHERE email = $1`, [
      p.email,
    ]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('should refuse a registration with bad fields, listing each, and write nothing', async () => {
    const email = 'bad-registration@example.test';
    const res = await api()
      .post('/api/v1/auth/register')
      .send({
        email,
        password: 'short',
        givenName: '',
        dateOfBirth: '1980-13-45',
        role: 'registrar',
      })
      .expect(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['password', 'givenName', 'familyName', 'dateOfBirth', 'role']),
    );
    expect(await count(`SELECT 1 FROM users WHERE email = $1`, [email])).toBe(0);
  });

  it('should refuse a date of birth in the future', async () => {
    const res = await api()
      .post('/api/v1/auth/register')
      .send({
        email: 'future@example.test',
        password: 'long-enough-pass',
        givenName: 'A',
        familyName: 'B',
        dateOfBirth: '2999-01-01',
      })
      .expect(400);
    expect(res.body.code).toBe('PRACTITIONER.DATE_OF_BIRTH_INVALID');
    expect(await count(`SELECT 1 FROM practitioners WHERE email = 'future@example.test'`)).toBe(0);
  });

  it('should refuse a second account with the same email', async () => {
    const p = await newPractitioner();
    const res = await api()
      .post('/api/v1/auth/register')
      .send({
        email: p.email.toUpperCase(),
        password: 'another-password',
        givenName: 'X',
        familyName: 'Y',
        dateOfBirth: '1970-01-01',
      })
      .expect(409);
    expect(res.body.code).toBe('AUTH.EMAIL_TAKEN');
  });

  it('should register an employer with an unverified organisation', async () => {
    const res = await api()
      .post('/api/v1/auth/register')
      .send({
        accountType: 'employer',
        email: 'hr-new@trust.example',
        password: 'employer-password',
        organisationName: 'Northshire NHS Trust',
      })
      .expect(201);
    const token = await login('hr-new@trust.example', 'employer-password');
    const me = await api().get('/api/v1/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({
      role: 'employer',
      organisation: { id: res.body.organisationId, verified: false },
    });
  });

  it('should end every earlier token on logout', async () => {
    const p = await newPractitioner();
    const second = await login(p.email, p.password);
    await api().post('/api/v1/auth/logout').set(bearer(p.token)).expect(204);
    await api().get('/api/v1/me').set(bearer(p.token)).expect(401);
    await api().get('/api/v1/me').set(bearer(second)).expect(401);
    const fresh = await login(p.email, p.password);
    await api().get('/api/v1/me').set(bearer(fresh)).expect(200);
  });

  it('should end earlier tokens on a password change and accept only the new password', async () => {
    const p = await newPractitioner();
    await api()
      .post('/api/v1/auth/password')
      .set(bearer(p.token))
      .send({ currentPassword: p.password, newPassword: 'a-brand-new-password' })
      .expect(204);
    await api().get('/api/v1/me').set(bearer(p.token)).expect(401);
    await api()
      .post('/api/v1/auth/login')
      .send({ email: p.email, password: p.password })
      .expect(401);
    await login(p.email, 'a-brand-new-password');
  });

  describe('refused tokens', () => {
    let userId: string;
    beforeAll(async () => {
      const { rows } = await db().query(`SELECT id, token_version FROM users WHERE email = $1`, [
        REGISTRAR.email,
      ]);
      userId = rows[0].id;
      registrarTokenVersion = rows[0].token_version;
    });

    it.each([
      [
        'signed with another secret',
        () => craftToken(claims(userId), { secret: 'not-the-secret-not-the-secret-123' }),
      ],
      ['with alg none', () => craftToken(claims(userId), { alg: 'none' })],
      [
        'expired',
        () =>
          craftToken(claims(userId, { exp: nowSeconds() - 10 }), {
            secret: process.env.TEST_JWT_SECRET,
          }),
      ],
      [
        'for another audience',
        () =>
          craftToken(claims(userId, { aud: 'someone-else' }), {
            secret: process.env.TEST_JWT_SECRET,
          }),
      ],
      [
        'from another issuer',
        () => craftToken(claims(userId, { iss: 'evil' }), { secret: process.env.TEST_JWT_SECRET }),
      ],
      [
        'with an HS512 header',
        () => craftToken(claims(userId), { secret: process.env.TEST_JWT_SECRET, alg: 'HS512' }),
      ],
      ['garbage', () => 'not.a.token'],
    ])('should refuse a token %s', async (_label, make) => {
      const res = await api().get('/api/v1/me').set(bearer(make())).expect(401);
      expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
    });

    it('should accept a hand-made token only when everything is right (the test can fail)', async () => {
      const token = craftToken(claims(userId), { secret: process.env.TEST_JWT_SECRET });
      await api().get('/api/v1/me').set(bearer(token)).expect(200);
    });
  });

  it('should give every response a correlation id, echoing a sane one sent in', async () => {
    const res = await api().get('/health').set('x-correlation-id', 'abc-123').expect(200);
    expect(res.headers['x-correlation-id']).toBe('abc-123');
    const other = await api().get('/health').set('x-correlation-id', '<script>').expect(200);
    expect(other.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
