import { createHash } from 'node:crypto';
import {
  canonicalEntry,
  consistencyRanges,
  EMPTY_ROOT,
  foldRange,
  frontierKeys,
  growTree,
  inclusionRanges,
  leafHash,
  nodeHash,
  nodeId,
  rangeNodes,
  rootFromInclusionProof,
  rootOf,
  verifyConsistency,
} from './merkle.js';

const leaves = (n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));

/** RFC 9162 §2.1.1 MTH, straight from the recursive definition. */
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return EMPTY_ROOT;
  if (d.length === 1) return d[0];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

const hashOf = (d: Buffer[], r: { start: number; end: number }) => mth(d.slice(r.start, r.end));

describe('RFC 9162 Merkle tree', () => {
  it('should hash leaves as SHA-256(0x00 || RFC 8785 entry) and nodes with 0x01', () => {
    const leaf = leafHash(canonicalEntry({ b: 1, a: 'é' }));
    const expected = createHash('sha256')
      .update(Buffer.from([0]))
      .update('{"a":"é","b":1}');
    expect(leaf).toEqual(expected.digest());
    expect(nodeHash(leaf, leaf)).toEqual(
      createHash('sha256')
        .update(Buffer.from([1]))
        .update(leaf)
        .update(leaf)
        .digest(),
    );
    expect(rootOf([])).toEqual(createHash('sha256').digest());
  });

  it('should give the recursive root for every size, in memory and from stored nodes', () => {
    for (let n = 1; n <= 70; n += 1) {
      const d = leaves(n);
      expect(rootOf(d)).toEqual(mth(d));
      const stored = growTree(0, d, new Map());
      const folded = foldRange(frontierKeys(n).map((k) => stored.get(nodeId(k.level, k.index))!));
      expect(folded).toEqual(mth(d));
    }
  });

  it('should grow the stored tree batch by batch to the same nodes as in one go', () => {
    const d = leaves(300);
    const whole = growTree(0, d, new Map());
    const stored = new Map<string, Buffer>();
    for (const [from, to] of [
      [0, 1],
      [1, 7],
      [7, 8],
      [8, 130],
      [130, 256],
      [256, 300],
    ]) {
      const frontier = new Map(
        frontierKeys(from).map((k) => [
          nodeId(k.level, k.index),
          stored.get(nodeId(k.level, k.index))!,
        ]),
      );
      for (const [id, h] of growTree(from, d.slice(from, to), frontier)) stored.set(id, h);
    }
    expect(stored).toEqual(whole);
  });

  it('should split an aligned range into complete subtrees, largest first', () => {
    expect(rangeNodes(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(rangeNodes(8, 11)).toEqual([
      { level: 1, index: 4 },
      { level: 0, index: 10 },
    ]);
  });

  it('should build inclusion proofs that verify, and fail for another leaf or root', () => {
    for (let n = 1; n <= 40; n += 1) {
      const d = leaves(n);
      for (let m = 0; m < n; m += 1) {
        const proof = inclusionRanges(m, n).map((r) => hashOf(d, r));
        expect(rootFromInclusionProof(m, n, d[m], proof)).toEqual(mth(d));
        if (n > 1) expect(rootFromInclusionProof(m, n, d[(m + 1) % n], proof)).not.toEqual(mth(d));
      }
    }
    expect(rootFromInclusionProof(3, 3, leaves(1)[0], [])).toBeNull();
  });

  it('should build consistency proofs that verify, and fail for a different old tree', () => {
    for (let n = 1; n <= 40; n += 1) {
      const d = leaves(n);
      for (let m = 1; m <= n; m += 1) {
        const proof = consistencyRanges(m, n).map((r) => hashOf(d, r));
        expect(verifyConsistency(m, n, mth(d.slice(0, m)), mth(d), proof)).toBe(true);
        const forked = [...d.slice(0, m - 1), leafHash(Buffer.from('forged'))];
        expect(verifyConsistency(m, n, mth(forked), mth(d), proof)).toBe(false);
      }
    }
  });
});
