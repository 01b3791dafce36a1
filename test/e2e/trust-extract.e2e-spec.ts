import { createLocalJWKSet, jwtVerify } from 'jose';
import { api, bearer, closeDb } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';

describe('Signed register extracts', () => {
  afterAll(closeDb);

  it('should give a practitioner an extract signed by the registry, checkable with the published keys', async () => {
    const p = await newPractitioner();
    const jwt = await api()
      .get('/api/v1/practitioners/me/extract')
      .set(bearer(p.token))
      .set('accept', 'application/vc+jwt')
      .expect(200);
    const jwks = (await api().get('/.well-known/jwks.json').expect(200)).body;
    const { payload, protectedHeader } = await jwtVerify(jwt.text, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
      typ: 'vc+jwt',
    });
    expect(protectedHeader.kid).toBeDefined();
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'RegisterExtract'],
      credentialSubject: { registerNumber: p.registerNumber, registerStatus: 'registered' },
    });
    const tampered = jwt.text.replace(/\.([^.]+)\./, (_m, body: string) => {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
      claims.credentialSubject.registerStatus = 'suspended';
      return `.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    });
    await expect(
      jwtVerify(tampered, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] }),
    ).rejects.toThrow();

    const ld = await api()
      .get('/api/v1/practitioners/me/extract?on=2025-01-01')
      .set(bearer(p.token))
      .expect(200);
    const document = JSON.parse(ld.text);
    expect(document.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const verified = await api()
      .post('/api/v1/vc/verify')
      .send({ credential: document })
      .expect(200);
    expect(
      verified.body.checks.find((c: { check: string }) => c.check === 'signature').result,
    ).toBe('pass');
  });

  it('should refuse a future date and anyone but a practitioner', async () => {
    const p = await newPractitioner();
    await api()
      .get('/api/v1/practitioners/me/extract?on=2999-01-01')
      .set(bearer(p.token))
      .expect(400);
    await api().get('/api/v1/practitioners/me/extract').expect(401);
  });
});
