// A second, deliberately separate checker for the audit log's proofs: RFC 9162 inclusion and
// consistency proofs and C2SP signed-note checkpoints, in plain node:crypto. It shares no code
// with the registry (src/), so a bug in the service's Merkle code cannot also hide here.
//
//   node dist/scripts/minimal-proof-check.js receipt <base url> <VR-reference> [<vkey>]
//   node dist/scripts/minimal-proof-check.js consistency <base url> <old-checkpoint.txt> [<vkey>]
// <vkey> is the note verifier key `<name>+<hex id>+<base64(0x01 || key)>`; without it the key is
// taken from the registry's /.well-known/jwks.json (then you trust that document).
import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';

const sha = (...parts: Buffer[]): Buffer =>
  createHash('sha256').update(Buffer.concat(parts)).digest();
const node = (l: Buffer, r: Buffer): Buffer => sha(Buffer.from([1]), l, r);

/** RFC 8785 for the JSON an audit entry holds (strings, integers, booleans, null, arrays, objects). */
export const canon = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canon).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

export const entryLeafHash = (entry: object): Buffer =>
  sha(Buffer.from([0]), Buffer.from(canon(entry)));

/** RFC 9162 §2.1.3.2. */
export function checkInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  proof: Buffer[],
  root: Buffer,
): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else r = node(r, p);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2. */
export function checkConsistency(
  m: number,
  n: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  proof: Buffer[],
): boolean {
  if (m === n) return proof.length === 0 && oldRoot.equals(newRoot);
  if (m < 1 || m > n) return false;
  const path = (m & (m - 1)) === 0 ? [oldRoot, ...proof] : proof;
  if (path.length === 0) return false;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) [fn, sn] = [fn >> 1, sn >> 1];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      [fr, sr] = [node(c, fr), node(c, sr)];
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else sr = node(sr, c);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

/** A C2SP checkpoint's size and root, once some signature line verifies under the Ed25519 key. */
export function openCheckpoint(
  note: string,
  name: string,
  rawKey: Buffer,
): { size: number; root: Buffer } | null {
  const [body, sigs = ''] = note.split('\n\n');
  const [origin, size, root] = body.split('\n');
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: rawKey.toString('base64url') },
    format: 'jwk',
  });
  const id = sha(Buffer.from(`${name}\n`), Buffer.from([1]), rawKey).subarray(0, 4);
  const signed = sigs.split('\n').some((line) => {
    const blob = Buffer.from(line.slice(`\u2014 ${name} `.length), 'base64');
    return (
      line.startsWith(`\u2014 ${name} `) &&
      blob.subarray(0, 4).equals(id) &&
      verify(null, Buffer.from(`${body}\n`), key, blob.subarray(4))
    );
  });
  return signed && origin === name && /^\d+$/.test(size)
    ? { size: Number(size), root: Buffer.from(root, 'base64') }
    : null;
}

const hexes = (list: string[]): Buffer[] => list.map((h) => Buffer.from(h, 'hex'));

async function keysOf(base: string, vkey?: string): Promise<Buffer[]> {
  if (vkey) return [Buffer.from(vkey.split('+')[2], 'base64').subarray(1)];
  const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as {
    keys: { x: string }[];
  };
  return jwks.keys.map((k) => Buffer.from(k.x, 'base64url'));
}

async function main([what, base, arg, vkey]: string[]): Promise<boolean> {
  const keys = await keysOf(base, vkey);
  const open = (note: string) =>
    keys.map((k) => openCheckpoint(note, note.split('\n')[0], k)).find(Boolean) ?? null;
  if (what === 'receipt') {
    const receipt = (await (await fetch(`${base}/api/v1/verifications/${arg}`)).json()) as {
      audit: {
        status: string;
        entry: object;
        leafIndex: number;
        checkpoint: string;
        inclusionProof: { size: number; proof: string[] };
      };
    };
    const cp = receipt.audit.status === 'included' ? open(receipt.audit.checkpoint) : null;
    const p = receipt.audit.inclusionProof;
    const ok =
      cp !== null &&
      cp.size === p.size &&
      checkInclusion(
        receipt.audit.leafIndex,
        cp.size,
        entryLeafHash(receipt.audit.entry),
        hexes(p.proof),
        cp.root,
      );
    console.log(
      ok
        ? `included: leaf ${receipt.audit.leafIndex} of ${cp?.size}`
        : `NOT shown to be included (${receipt.audit.status})`,
    );
    return ok;
  }
  const old = open(fs.readFileSync(arg, 'utf8'));
  const latest = open(await (await fetch(`${base}/api/v1/audit/checkpoint`)).text());
  if (!old || !latest) return Boolean(console.log('a checkpoint is not signed by the key'));
  const res = await fetch(
    `${base}/api/v1/audit/proofs/consistency?from=${old.size}&to=${latest.size}`,
  );
  const ok = checkConsistency(
    old.size,
    latest.size,
    old.root,
    latest.root,
    hexes(((await res.json()) as { proof: string[] }).proof),
  );
  console.log(
    ok ? `consistent: ${old.size} → ${latest.size}` : 'NOT consistent: a split view or a rewrite',
  );
  return ok;
}

if (process.argv[1]?.endsWith('minimal-proof-check.js')) {
  main(process.argv.slice(2)).then(
    (ok) => process.exit(ok ? 0 : 1),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
