import { randomBytes, sign, verify } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  decryptPrivateKey,
  ed25519KeyPairFromPrivate,
  encryptPrivateKey,
  fromPublicKeyMultibase,
  generateEd25519KeyPair,
  publicKeyObjectFromRaw,
  toPublicKeyMultibase,
} from './key-material.js';
import { TrustKeyError } from './trust-errors.js';

describe(generateEd25519KeyPair.name, () => {
  it('should export an OKP Ed25519 public JWK whose kid is its RFC 7638 thumbprint', async () => {
    const key = await generateEd25519KeyPair();
    expect(key.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: key.kid, alg: 'EdDSA' });
    expect(Buffer.from(key.publicJwk.x, 'base64url')).toEqual(key.publicKey);
    const independent = await calculateJwkThumbprint(await exportJWK(key.publicKeyObject));
    expect(key.kid).toBe(independent);
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('should rebuild the same key from its stored seed', async () => {
    const key = await generateEd25519KeyPair();
    const again = await ed25519KeyPairFromPrivate(key.seed);
    expect(again.kid).toBe(key.kid);
    const signature = sign(null, Buffer.from('x'), again.privateKeyObject);
    expect(verify(null, Buffer.from('x'), publicKeyObjectFromRaw(key.publicKey), signature)).toBe(
      true,
    );
  });

  it('should accept PKCS#8 DER as well as a seed', async () => {
    const key = await generateEd25519KeyPair();
    const der = key.privateKeyObject.export({ format: 'der', type: 'pkcs8' });
    expect((await ed25519KeyPairFromPrivate(der)).kid).toBe(key.kid);
  });
});

describe(toPublicKeyMultibase.name, () => {
  it('should produce the same publicKeyMultibase as Ed25519Multikey', async () => {
    const key = await generateEd25519KeyPair();
    const reference = await Ed25519Multikey.fromJwk({ jwk: key.publicJwk });
    expect(toPublicKeyMultibase(key.publicKey)).toBe(reference.publicKeyMultibase);
    expect(toPublicKeyMultibase(key.publicKey)).toMatch(/^z6Mk/);
  });

  it('should round-trip through fromPublicKeyMultibase', async () => {
    const key = await generateEd25519KeyPair();
    expect(fromPublicKeyMultibase(toPublicKeyMultibase(key.publicKey))).toEqual(key.publicKey);
  });
});

describe(encryptPrivateKey.name, () => {
  const kek = randomBytes(32);

  it('should round-trip the seed with the same KEK', async () => {
    const key = await generateEd25519KeyPair();
    const envelope = encryptPrivateKey(key.seed, kek, key.kid);
    expect(envelope).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(envelope).not.toContain(key.seed.toString('base64url'));
    expect(decryptPrivateKey(envelope, kek, key.kid)).toEqual(key.seed);
  });

  it('should use a fresh IV each time', () => {
    const seed = randomBytes(32);
    expect(encryptPrivateKey(seed, kek)).not.toBe(encryptPrivateKey(seed, kek));
  });

  it('should fail with a wrong KEK', () => {
    const envelope = encryptPrivateKey(randomBytes(32), kek);
    expect(() => decryptPrivateKey(envelope, randomBytes(32))).toThrow(TrustKeyError);
  });

  it('should fail when the envelope is bound to another kid', () => {
    const envelope = encryptPrivateKey(randomBytes(32), kek, 'kid-a');
    expect(() => decryptPrivateKey(envelope, kek, 'kid-b')).toThrow(TrustKeyError);
  });

  it('should fail when the ciphertext is altered', () => {
    const envelope = encryptPrivateKey(randomBytes(32), kek);
    const parts = envelope.split('.');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    parts[3] = ct.toString('base64url');
    expect(() => decryptPrivateKey(parts.join('.'), kek)).toThrow(TrustKeyError);
  });

  it('should refuse a KEK that is not 32 bytes', () => {
    expect(() => encryptPrivateKey(randomBytes(32), randomBytes(16))).toThrow(TrustKeyError);
  });
});
