import { randomBytes } from 'node:crypto';
import { api, asRegistrar, bearer, login } from './app.js';

const unique = () => randomBytes(5).toString('hex');

/**
 * A surname of letters only, unique per run, so a name search finds only the calling test's
 * people. Each hex digit becomes its own letter: mapping them all to one letter made suffixes like
 * "qqaqqq" close enough to other tests' people to fall within name search's typo tolerance.
 */
export const searchableSurname = (base: string): string =>
  `${base}${randomBytes(6)
    .toString('hex')
    .replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)])}`;

export interface TestPractitioner {
  token: string;
  email: string;
  password: string;
  registerNumber: string;
  userId: string;
}

export async function newPractitioner(
  overrides: Partial<{ givenName: string; familyName: string; dateOfBirth: string }> = {},
): Promise<TestPractitioner> {
  const email = `practitioner-${unique()}@example.test`;
  const password = 'practitioner-password-1';
  const res = await api()
    .post('/api/v1/auth/register')
    .send({
      email,
      password,
      givenName: overrides.givenName ?? 'Alex',
      familyName: overrides.familyName ?? `Tester${unique()}`,
      dateOfBirth: overrides.dateOfBirth ?? '1980-05-17',
    })
    .expect(201);
  const body = res.body as { id: string; registerNumber: string };
  return {
    token: await login(email, password),
    email,
    password,
    registerNumber: body.registerNumber,
    userId: body.id,
  };
}

export interface TestIssuer {
  id: string;
  name: string;
  token: string;
  email: string;
  apiKey: string;
}

export async function newIssuer(
  overrides: Partial<{ name: string; kind: string }> = {},
): Promise<TestIssuer> {
  const registrar = await asRegistrar();
  const name = overrides.name ?? `University of Testshire ${unique()}`;
  const created = await api()
    .post('/api/v1/issuers')
    .set(bearer(registrar))
    .send({ name, kind: overrides.kind ?? 'university', website: 'https://testshire.example' });
  if (created.status !== 201)
    throw new Error(`newIssuer: ${created.status} ${JSON.stringify(created.body)}`);
  const id = (created.body as { id: string }).id;
  const email = `staff-${unique()}@testshire.example`;
  const password = 'issuer-staff-password';
  await api()
    .post(`/api/v1/issuers/${id}/staff`)
    .set(bearer(registrar))
    .send({ email, password })
    .expect(201);
  const token = await login(email, password);
  const key = await api()
    .post(`/api/v1/issuers/${id}/api-keys`)
    .set(bearer(token))
    .send({ label: 'tests' })
    .expect(201);
  return { id, name, token, email, apiKey: (key.body as { key: string }).key };
}

export async function newEmployer(): Promise<{
  token: string;
  organisationId: string;
  email: string;
}> {
  const email = `hr-${unique()}@trust.example`;
  const password = 'employer-password-1';
  const res = await api()
    .post('/api/v1/auth/register')
    .send({
      accountType: 'employer',
      email,
      password,
      organisationName: `Testshire NHS Trust ${unique()}`,
    })
    .expect(201);
  return {
    token: await login(email, password),
    organisationId: (res.body as { organisationId: string }).organisationId,
    email,
  };
}

export const idempotencyKey = () => `key-${unique()}`;
