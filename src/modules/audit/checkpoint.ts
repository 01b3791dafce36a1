import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { signingOperations } from '../../common/metrics/metrics.js';

// C2SP signed-note: signature lines start with U+2014 EM DASH and a space.
const SIGNATURE_PREFIX = '\u2014 ';
const ED25519_SIGNATURE_TYPE = 0x01;

export interface Checkpoint {
  origin: string;
  size: number;
  /** 32-byte RFC 6962 root hash. */
  rootHash: Buffer;
  /** Optional extension lines after the root hash (C2SP tlog-checkpoint allows them). */
  extensions: string[];
}

export interface ParsedCheckpoint extends Checkpoint {
  body: string;
  signatures: { keyName: string; keyId: Buffer; signature: Buffer }[];
}

/** The note text: `<origin>\n<size>\n<base64 root hash>\n` plus any extension lines. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (!checkpoint.origin || /\n/.test(checkpoint.origin)) throw new Error('Bad checkpoint origin.');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) {
    throw new Error('Bad checkpoint size.');
  }
  if (checkpoint.rootHash.length !== 32) throw new Error('The root hash is 32 bytes.');
  const lines = [
    checkpoint.origin,
    String(checkpoint.size),
    checkpoint.rootHash.toString('base64'),
    ...checkpoint.extensions,
  ];
  if (lines.some((l) => l.length === 0 || l.includes('\n'))) throw new Error('Empty note line.');
  return lines.map((l) => l + '\n').join('');
}

/** First 4 bytes of SHA-256(key name || 0x0A || 0x01 || 32-byte public key). */
export function noteKeyId(keyName: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(keyName, 'utf8')
    .update(Buffer.from([0x0a, ED25519_SIGNATURE_TYPE]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** The vkey form verifiers configure: `<name>+<hex key id>+<base64(0x01 || public key)>`. */
export function noteVerifierKey(keyName: string, publicKey: Uint8Array): string {
  const keyId = noteKeyId(keyName, publicKey).toString('hex');
  const encoded = Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), publicKey]);
  return `${keyName}+${keyId}+${encoded.toString('base64')}`;
}

export function signCheckpoint(body: string, keyName: string, privateKey: KeyObject): string {
  assertKeyName(keyName);
  assertBody(body);
  const raw = rawPublicKey(privateKey);
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey);
  signingOperations.inc({ kind: 'checkpoint' });
  const blob = Buffer.concat([noteKeyId(keyName, raw), signature]).toString('base64');
  return `${body}\n${SIGNATURE_PREFIX}${keyName} ${blob}\n`;
}

export function parseCheckpoint(text: string): ParsedCheckpoint {
  const split = text.indexOf('\n\n');
  if (split === -1) throw new Error('A signed note needs a blank line before its signatures.');
  const body = text.slice(0, split + 1);
  assertBody(body);
  const [origin, sizeText, rootText, ...extensions] = body.slice(0, -1).split('\n');
  if (!/^(0|[1-9]\d*)$/.test(sizeText ?? '')) throw new Error('Bad checkpoint size line.');
  const rootHash = Buffer.from(rootText ?? '', 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== rootText) {
    throw new Error('Bad checkpoint root hash line.');
  }
  const signatureText = text.slice(split + 2);
  if (!signatureText.endsWith('\n')) throw new Error('Signature lines must end with a newline.');
  const signatures = signatureText
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
      if (!match) throw new Error('Malformed signature line.');
      const blob = Buffer.from(match[2], 'base64');
      if (blob.length < 5) throw new Error('Signature too short.');
      return { keyName: match[1], keyId: blob.subarray(0, 4), signature: blob.subarray(4) };
    });
  if (signatures.length === 0) throw new Error('A signed note needs at least one signature.');
  return { origin, size: Number(sizeText), rootHash, extensions, body, signatures };
}

export type CheckpointVerification =
  { ok: true; checkpoint: ParsedCheckpoint } | { ok: false; reason: string };

/** True when some signature line is by this key name and public key and verifies over the body. */
export function verifyCheckpoint(
  text: string,
  keyName: string,
  publicKey: Uint8Array,
): CheckpointVerification {
  let parsed: ParsedCheckpoint;
  try {
    parsed = parseCheckpoint(text);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'unparseable note' };
  }
  const keyId = noteKeyId(keyName, publicKey);
  const candidates = parsed.signatures.filter(
    (s) => s.keyName === keyName && s.keyId.equals(keyId),
  );
  if (candidates.length === 0) return { ok: false, reason: 'no signature by that key' };
  if (publicKey.length !== 32) return { ok: false, reason: 'an Ed25519 public key is 32 bytes' };
  const keyObject = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  const body = Buffer.from(parsed.body, 'utf8');
  const good = candidates.some(
    (s) => s.signature.length === 64 && verify(null, body, keyObject, s.signature),
  );
  return good ? { ok: true, checkpoint: parsed } : { ok: false, reason: 'bad signature' };
}

function assertKeyName(name: string): void {
  // signed-note: non-empty, no Unicode spaces, no '+'.
  if (!name || /[\s+]/u.test(name)) throw new Error('Bad note key name.');
}

function assertBody(body: string): void {
  if (!body.endsWith('\n') || body.includes('\n\n') || body.length === 0) {
    throw new Error('A note body is non-empty lines, each ending in a newline.');
  }
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('Not an Ed25519 key.');
  return Buffer.from(jwk.x, 'base64url');
}
