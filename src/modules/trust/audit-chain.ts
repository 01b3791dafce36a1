import { createHash, hash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);
const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * SHA-256( prevHash as its 32 raw bytes || RFC 8785 canonical JSON of the event ), as hex.
 * Callers pass times as UTC ISO strings: a Date would canonicalize via toJSON anyway, but a
 * string keeps what was hashed identical to what is stored.
 */
export function entryHash(prevHash: string, event: object): string {
  if (!HEX_HASH.test(prevHash)) throw new Error('prevHash must be 64 lowercase hex characters.');
  const json = canonicalize(event);
  if (json === undefined) throw new Error('The event cannot be canonicalized.');
  return createHash('sha256')
    .update(Buffer.from(prevHash, 'hex'))
    .update(json, 'utf8')
    .digest('hex');
}

export interface ChainEntry {
  seq: number;
  prevHash: string;
  hash: string;
  event: object;
}

export type ChainVerification =
  { ok: true } | { ok: false; firstBrokenSeq: number; reason: string };

/**
 * Walks entries in the order given. For a slice that does not start at the genesis entry pass
 * the hash of the entry before it (from a verified checkpoint or earlier walk) as `anchorHash`.
 */
export function verifyChain(
  entries: readonly ChainEntry[],
  options: { anchorHash?: string; firstSeq?: number } = {},
): ChainVerification {
  let expectedPrev = options.anchorHash ?? GENESIS_HASH;
  let expectedSeq = options.firstSeq;
  for (const entry of entries) {
    const fail = (reason: string): ChainVerification => ({
      ok: false,
      firstBrokenSeq: entry.seq,
      reason,
    });
    if (expectedSeq !== undefined && entry.seq !== expectedSeq) {
      return fail(
        entry.seq > expectedSeq
          ? `seq ${entry.seq} follows ${expectedSeq - 1}: entries are missing`
          : `seq ${entry.seq} is out of order (expected ${expectedSeq})`,
      );
    }
    if (entry.prevHash !== expectedPrev) {
      return fail('prevHash does not match the previous entry hash (deleted or reordered entry)');
    }
    let recomputed: string;
    try {
      recomputed = entryHash(entry.prevHash, entry.event);
    } catch (error) {
      return fail(error instanceof Error ? error.message : 'unhashable entry');
    }
    if (recomputed !== entry.hash) {
      return fail('hash does not match the event (edited event)');
    }
    expectedPrev = entry.hash;
    expectedSeq = entry.seq + 1;
  }
  return { ok: true };
}

/** RFC 6962 leaf hash: SHA-256(0x00 || leaf). */
export function merkleLeafHash(leaf: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + leaf.length);
  input[0] = 0x00;
  input.set(leaf, 1);
  return hash('sha256', input, 'buffer');
}

// One-shot crypto.hash over a scratch buffer is about twice as fast as createHash per node.
const nodeInput = Buffer.alloc(65);
function nodeHash(left: Buffer, right: Buffer): Buffer {
  nodeInput[0] = 0x01;
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return hash('sha256', nodeInput, 'buffer');
}

/**
 * RFC 6962 Merkle Tree Hash over the leaves (our entry hashes as raw bytes). The split is at the
 * largest power of two below n, so the root of the first n entries never changes when more are
 * appended: that is what lets a later checkpoint be checked against an earlier one.
 */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  let level = leaves.map(merkleLeafHash);
  // Bottom-up pairing with the odd node promoted unchanged gives the same root as the recursive
  // definition, in O(n) without recursion depth.
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}
