import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { base58btcDecode, base58btcEncode } from './base58.js';
import { TrustKeyError } from './trust-errors.js';

export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid?: string;
  alg?: 'EdDSA';
  use?: 'sig';
}

export interface Ed25519KeyMaterial {
  /** RFC 7638 thumbprint of the public JWK (base64url SHA-256). */
  kid: string;
  publicJwk: Ed25519PublicJwk & { kid: string; alg: 'EdDSA'; use: 'sig' };
  /** 32 raw public key bytes. */
  publicKey: Buffer;
  /** 32-byte private seed: the only secret to store (encrypted, see encryptPrivateKey). */
  seed: Buffer;
  privateKeyObject: KeyObject;
  publicKeyObject: KeyObject;
}

// ASN.1 prefixes that wrap raw Ed25519 bytes as PKCS#8 / SPKI DER (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
// multicodec ed25519-pub varint
const MULTICODEC_ED25519_PUB = Buffer.from([0xed, 0x01]);

export function generateEd25519KeyPair(): Promise<Ed25519KeyMaterial> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return ed25519KeyPairFromPrivate(privateKey);
}

/** Rebuilds the full key material from a stored seed (or PKCS#8 DER) or a KeyObject. */
export async function ed25519KeyPairFromPrivate(
  source: Uint8Array | KeyObject,
): Promise<Ed25519KeyMaterial> {
  const privateKeyObject = isKeyObject(source) ? source : privateKeyObjectFromBytes(source);
  if (privateKeyObject.asymmetricKeyType !== 'ed25519') {
    throw new TrustKeyError('TRUST.KEY_TYPE', 'Expected an Ed25519 private key.');
  }
  const jwk = privateKeyObject.export({ format: 'jwk' });
  if (typeof jwk.d !== 'string' || typeof jwk.x !== 'string') {
    throw new TrustKeyError('TRUST.KEY_EXPORT', 'Could not export the Ed25519 key.');
  }
  const publicKey = Buffer.from(jwk.x, 'base64url');
  const base: Ed25519PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  const kid = await jwkThumbprint(base);
  return {
    kid,
    publicJwk: { ...base, kid, alg: 'EdDSA', use: 'sig' },
    publicKey,
    seed: Buffer.from(jwk.d, 'base64url'),
    privateKeyObject,
    publicKeyObject: createPublicKey(privateKeyObject),
  };
}

/** Accepts a 32-byte seed or a PKCS#8 DER encoding. */
export function privateKeyObjectFromBytes(bytes: Uint8Array): KeyObject {
  const der = bytes.length === 32 ? Buffer.concat([PKCS8_PREFIX, bytes]) : Buffer.from(bytes);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new TrustKeyError('TRUST.KEY_INVALID', 'Not an Ed25519 seed or PKCS#8 private key.');
  }
}

export function publicKeyObjectFromRaw(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) {
    throw new TrustKeyError('TRUST.KEY_INVALID', 'An Ed25519 public key is 32 bytes.');
  }
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, publicKey]),
    format: 'der',
    type: 'spki',
  });
}

export function publicJwkFromRaw(publicKey: Uint8Array): Ed25519PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') };
}

export function rawFromPublicJwk(jwk: Ed25519PublicJwk): Buffer {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    throw new TrustKeyError('TRUST.KEY_TYPE', 'Expected an OKP Ed25519 JWK.');
  }
  const raw = Buffer.from(jwk.x, 'base64url');
  if (raw.length !== 32) throw new TrustKeyError('TRUST.KEY_INVALID', 'Bad Ed25519 JWK "x".');
  return raw;
}

/** RFC 7638 thumbprint over the required members only (kty, crv, x). */
export function jwkThumbprint(jwk: Ed25519PublicJwk): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
}

/** Multikey `publicKeyMultibase`: 'z' + base58btc(0xed01 || key). */
export function toPublicKeyMultibase(publicKey: Uint8Array): string {
  return 'z' + base58btcEncode(Buffer.concat([MULTICODEC_ED25519_PUB, publicKey]));
}

export function fromPublicKeyMultibase(multibase: string): Buffer {
  if (!multibase.startsWith('z')) {
    throw new TrustKeyError('TRUST.KEY_INVALID', 'publicKeyMultibase must be base58btc (z).');
  }
  const bytes = Buffer.from(base58btcDecode(multibase.slice(1)));
  if (bytes.length !== 34 || !bytes.subarray(0, 2).equals(MULTICODEC_ED25519_PUB)) {
    throw new TrustKeyError('TRUST.KEY_INVALID', 'Not an Ed25519 Multikey.');
  }
  return bytes.subarray(2);
}

export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export function toMultikey(
  id: string,
  controller: string,
  publicKey: Uint8Array,
): MultikeyVerificationMethod {
  return { id, type: 'Multikey', controller, publicKeyMultibase: toPublicKeyMultibase(publicKey) };
}

const ENVELOPE_VERSION = 'v1';

/**
 * AES-256-GCM envelope for private key bytes at rest: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * `aad` (e.g. the kid) binds the ciphertext to its row so it cannot be swapped onto another key.
 */
export function encryptPrivateKey(secret: Uint8Array, kek: Buffer, aad?: string): string {
  assertKek(kek);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(secret), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [ENVELOPE_VERSION, iv, tag, ct]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptPrivateKey(envelope: string, kek: Buffer, aad?: string): Buffer {
  assertKek(kek);
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== ENVELOPE_VERSION) {
    throw new TrustKeyError('TRUST.KEY_ENVELOPE', 'Unknown private key envelope format.');
  }
  const [iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  if (iv.length !== 12 || tag.length !== 16) {
    throw new TrustKeyError('TRUST.KEY_ENVELOPE', 'Malformed private key envelope.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, iv);
    decipher.setAuthTag(tag);
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    // Wrong KEK, wrong AAD or tampered ciphertext all look the same by design.
    throw new TrustKeyError('TRUST.KEY_DECRYPT', 'Could not decrypt the private key.');
  }
}

function assertKek(kek: Buffer): void {
  if (kek.length !== 32) {
    throw new TrustKeyError('TRUST.KEK_INVALID', 'The key-encryption key must be 32 bytes.');
  }
}

function isKeyObject(value: Uint8Array | KeyObject): value is KeyObject {
  return !(value instanceof Uint8Array);
}
