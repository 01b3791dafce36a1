import {
  formatCheckpoint,
  noteKeyId,
  noteVerifierKey,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint.js';
import { createHash, generateKeyPairSync } from 'node:crypto';

/** A fresh Ed25519 key pair with its raw 32-byte public key. */
function generateEd25519KeyPair(): Promise<{
  privateKeyObject: ReturnType<typeof generateKeyPairSync>['privateKey'];
  publicKey: Buffer;
}> {
  const pair = generateKeyPairSync('ed25519');
  const x = pair.publicKey.export({ format: 'jwk' }).x ?? '';
  return Promise.resolve({
    privateKeyObject: pair.privateKey,
    publicKey: Buffer.from(x, 'base64url'),
  });
}

const ORIGIN = 'registry.example.org/audit';
const root = createHash('sha256').update('root').digest();

describe(signCheckpoint.name, () => {
  it('should format a C2SP checkpoint body', () => {
    expect(formatCheckpoint({ origin: ORIGIN, size: 42, rootHash: root, extensions: [] })).toBe(
      `${ORIGIN}\n42\n${root.toString('base64')}\n`,
    );
  });

  it('should sign, parse and verify a checkpoint', async () => {
    const key = await generateEd25519KeyPair();
    const body = formatCheckpoint({ origin: ORIGIN, size: 42, rootHash: root, extensions: [] });
    const note = signCheckpoint(body, ORIGIN, key.privateKeyObject);

    const lines = note.split('\n');
    expect(lines[3]).toBe('');
    expect(lines[4]).toMatch(/^\u2014 registry\.example\.org\/audit [A-Za-z0-9+/]+=*$/);
    const blob = Buffer.from(lines[4].split(' ')[2], 'base64');
    expect(blob).toHaveLength(68);
    expect(blob.subarray(0, 4)).toEqual(noteKeyId(ORIGIN, key.publicKey));

    const parsed = parseCheckpoint(note);
    expect(parsed).toMatchObject({ origin: ORIGIN, size: 42, rootHash: root, body });
    expect(verifyCheckpoint(note, ORIGIN, key.publicKey)).toMatchObject({ ok: true });
  });

  it('should compute the signed-note key id as SHA-256(name || 0x0A || 0x01 || key)[:4]', async () => {
    const key = await generateEd25519KeyPair();
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('name\n'), Buffer.from([1]), key.publicKey]))
      .digest()
      .subarray(0, 4);
    expect(noteKeyId('name', key.publicKey)).toEqual(expected);
    expect(noteVerifierKey('name', key.publicKey)).toBe(
      `name+${expected.toString('hex')}+${Buffer.concat([Buffer.from([1]), key.publicKey]).toString('base64')}`,
    );
  });

  it('should reject the wrong key, the wrong name or an edited body', async () => {
    const key = await generateEd25519KeyPair();
    const other = await generateEd25519KeyPair();
    const body = formatCheckpoint({ origin: ORIGIN, size: 42, rootHash: root, extensions: [] });
    const note = signCheckpoint(body, ORIGIN, key.privateKeyObject);
    expect(verifyCheckpoint(note, ORIGIN, other.publicKey)).toMatchObject({ ok: false });
    expect(verifyCheckpoint(note, 'someone-else', key.publicKey)).toMatchObject({ ok: false });
    expect(verifyCheckpoint(note.replace('\n42\n', '\n43\n'), ORIGIN, key.publicKey)).toMatchObject(
      {
        ok: false,
        reason: 'bad signature',
      },
    );
    expect(verifyCheckpoint(body, ORIGIN, key.publicKey)).toMatchObject({ ok: false });
  });

  it('should accept a note co-signed by another key', async () => {
    const key = await generateEd25519KeyPair();
    const witness = await generateEd25519KeyPair();
    const body = formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: root, extensions: [] });
    const note = signCheckpoint(body, 'witness.example', witness.privateKeyObject);
    const mine = signCheckpoint(body, ORIGIN, key.privateKeyObject).slice(body.length + 1);
    const cosigned = note + mine;
    expect(verifyCheckpoint(cosigned, ORIGIN, key.publicKey)).toMatchObject({ ok: true });
    expect(verifyCheckpoint(cosigned, 'witness.example', witness.publicKey)).toMatchObject({
      ok: true,
    });
  });
});
