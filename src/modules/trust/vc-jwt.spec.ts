import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { generateEd25519KeyPair, type Ed25519KeyMaterial } from './key-material.js';
import { readCredentialStatus } from './status-list.js';
import {
  createTrustWorld,
  ISSUER_DID,
  sampleOpenBadgeCredential,
  tamper,
  TAMPERS,
  type TrustWorld,
} from './testing/fixtures.js';
import { TrustVerificationError } from './trust-errors.js';
import { signVcJwt, verifyVcJwt } from './vc-jwt.js';

describe(signVcJwt.name, () => {
  let world: TrustWorld;
  let key: Ed25519KeyMaterial;
  let jwt: string;
  const lookup = (kid: string) => Promise.resolve(kid === key.kid ? key.publicJwk : undefined);

  beforeAll(async () => {
    world = await createTrustWorld();
    key = world.key;
    jwt = await signVcJwt(sampleOpenBadgeCredential(), {
      kid: key.kid,
      privateKey: key.privateKeyObject,
    });
  });

  it('should use the VC-JOSE protected header', () => {
    expect(decodeProtectedHeader(jwt)).toEqual({
      alg: 'EdDSA',
      kid: key.kid,
      typ: 'vc+jwt',
      cty: 'vc',
    });
  });

  it('should verify independently with jose against a local JWKS', async () => {
    const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
    const { payload } = await jwtVerify(jwt, jwks, { typ: 'vc+jwt', algorithms: ['EdDSA'] });
    const { iat, ...credential } = payload;
    expect(credential).toEqual(sampleOpenBadgeCredential());
    expect(typeof iat).toBe('number');
  });

  it('should return the credential from verifyVcJwt', async () => {
    const verified = await verifyVcJwt(jwt, lookup, { expectedIssuer: ISSUER_DID });
    expect(verified.credential).toEqual(sampleOpenBadgeCredential());
    const status = await readCredentialStatus(verified.credential, world.loadList);
    expect(status.every((s) => !s.set)).toBe(true);
  });

  it.each(TAMPERS.map((t) => [t.path.join('.'), t]))(
    'should fail when %s is changed',
    async (_, t) => {
      const [header, , signature] = jwt.split('.');
      const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
      const forged = Buffer.from(JSON.stringify(tamper(payload, t.path, t.value))).toString(
        'base64url',
      );
      await expect(verifyVcJwt(`${header}.${forged}.${signature}`, lookup)).rejects.toThrow(
        TrustVerificationError,
      );
    },
  );

  it('should fail with an unknown kid', async () => {
    const other = await generateEd25519KeyPair();
    await expect(verifyVcJwt(jwt, () => Promise.resolve(undefined))).rejects.toThrow(
      /Unknown key id/,
    );
    await expect(verifyVcJwt(jwt, () => Promise.resolve(other.publicJwk))).rejects.toThrow(
      TrustVerificationError,
    );
  });

  it('should refuse another typ or alg', async () => {
    const plainJwt = await new SignJWT(sampleOpenBadgeCredential())
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .sign(key.privateKeyObject);
    await expect(verifyVcJwt(plainJwt, lookup)).rejects.toThrow(TrustVerificationError);

    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const esJwt = await new SignJWT(sampleOpenBadgeCredential())
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'vc+jwt' })
      .sign(ec.privateKey);
    await expect(verifyVcJwt(esJwt, () => Promise.resolve(ec.publicKey))).rejects.toThrow(/alg/);
  });

  it('should refuse a payload that is not a VC 2.0 credential', async () => {
    const notVc = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt' })
      .sign(key.privateKeyObject);
    await expect(verifyVcJwt(notVc, lookup)).rejects.toThrow(TrustVerificationError);
  });

  it('should refuse a credential from another issuer when one is expected', async () => {
    await expect(verifyVcJwt(jwt, lookup, { expectedIssuer: 'did:web:other' })).rejects.toThrow(
      /another issuer/,
    );
  });
});
