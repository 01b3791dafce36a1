import { randomBytes } from 'node:crypto';
import { api, bearer, closeDb, login } from '../support/app.js';
import { searchableSurname } from '../support/factories.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const unique = () => randomBytes(5).toString('hex');

// Listed means found by name in register searches (an entry is always found by its number).
const listed = async (familyName: string) =>
  (await api().get('/api/v1/register').query({ q: familyName }).expect(200)).body.total === 1;

const tokenIn = (links: string[]) => {
  const link = links.find((l) => l.includes('/confirm-email?token='));
  return new URL(link ?? 'http://x/').searchParams.get('token') ?? '';
};

describe('Email confirmation of an API sign-up', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await closeDb();
  });

  async function signUp(listAfterEmailConfirmed?: boolean) {
    const email = `confirm-${unique()}@example.test`;
    const familyName = searchableSurname('Confirmer');
    const password = 'practitioner-password-1';
    await api()
      .post('/api/v1/auth/register')
      .send({
        email,
        password,
        givenName: 'Robin',
        familyName,
        dateOfBirth: '1979-03-02',
        ...(listAfterEmailConfirmed === undefined ? {} : { listAfterEmailConfirmed }),
      })
      .expect(201);
    const mail = await smtp.waitFor(email, /Confirm your email address/);
    return { email, password, familyName, mail };
  }

  it('should never list someone who left the register when they confirm their address later', async () => {
    const p = await signUp();
    // Listed at once, as the API has always done, and the mail does not say otherwise.
    expect(await listed(p.familyName)).toBe(true);
    expect(p.mail.text).not.toContain('not listed');
    const token = await login(p.email, p.password);
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(token))
      .send({ visibility: { listed: false } })
      .expect(200);
    expect(await listed(p.familyName)).toBe(false);

    await api()
      .post('/api/v1/auth/email-confirmations')
      .send({ token: tokenIn(p.mail.links) })
      .expect(204);
    expect(await listed(p.familyName)).toBe(false);
    const me = await api().get('/api/v1/me').set(bearer(token)).expect(200);
    expect(me.body.emailConfirmed).toBe(true);
  });

  it('should list a sign-up that asked to wait for confirmation only once the link is used', async () => {
    const p = await signUp(true);
    expect(p.mail.text).toContain('not listed in register searches until you do');
    expect(await listed(p.familyName)).toBe(false);
    await api()
      .post('/api/v1/auth/email-confirmations')
      .send({ token: tokenIn(p.mail.links) })
      .expect(204);
    expect(await listed(p.familyName)).toBe(true);
    // The link works once.
    await api()
      .post('/api/v1/auth/email-confirmations')
      .send({ token: tokenIn(p.mail.links) })
      .expect(400);
  });
});
