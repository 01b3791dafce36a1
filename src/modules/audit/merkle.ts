import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * RFC 9162 Merkle tree hashing and proofs. A node is named by (level, index): the complete subtree
 * over leaves [index·2^level, (index+1)·2^level). Only complete subtrees are stored; the hash of
 * any other range is folded from them, so every proof is a handful of stored nodes.
 */
export interface NodeKey {
  level: number;
  index: number;
}

export const EMPTY_ROOT = hash('sha256', Buffer.alloc(0), 'buffer');

/** The canonical RFC 8785 bytes of an entry: what its leaf hash covers and entry bundles carry. */
export function canonicalEntry(entry: object): Buffer {
  const json = canonicalize(entry);
  if (json === undefined) throw new Error('The entry cannot be canonicalized.');
  return Buffer.from(json, 'utf8');
}

/** SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([Buffer.from([0x00]), leaf]), 'buffer');
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([Buffer.from([0x01]), left, right]), 'buffer');
}

/** Largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The stored nodes whose right fold is the hash of leaves [start, end). Callers pass ranges that
 * RFC 9162 proofs ask for, which start on a multiple of a power of two at least end − start, so
 * the range splits into complete subtrees, largest first.
 */
export function rangeNodes(start: number, end: number): NodeKey[] {
  const keys: NodeKey[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level += 1;
    keys.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return keys;
}

/** Folds complete subtree hashes (largest first) into the hash of their range. */
export function foldRange(hashes: Buffer[]): Buffer {
  let acc = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i -= 1) acc = nodeHash(hashes[i], acc);
  return acc;
}

export interface Range {
  start: number;
  end: number;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[0:n]), as the ranges whose hashes form the proof, leaf first. */
export function inclusionRanges(index: number, size: number): Range[] {
  const out: Range[] = [];
  const walk = (m: number, start: number, n: number): void => {
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, k);
      out.push({ start: start + k, end: start + n });
    } else {
      walk(m - k, start + k, n - k);
      out.push({ start, end: start + k });
    }
  };
  walk(index, 0, size);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) as ranges, deepest first. */
export function consistencyRanges(from: number, to: number): Range[] {
  const out: Range[] = [];
  const walk = (m: number, start: number, n: number, complete: boolean): void => {
    if (m === n) {
      if (!complete) out.push({ start, end: start + n });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      walk(m, start, k, complete);
      out.push({ start: start + k, end: start + n });
    } else {
      walk(m - k, start + k, n - k, false);
      out.push({ start, end: start + k });
    }
  };
  if (from > 0 && from < to) walk(from, 0, to, true);
  return out;
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when it is malformed. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Buffer,
  proof: Buffer[],
): Buffer | null {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.4.2: true when the proof shows the tree of `to` leaves extends that of `from`. */
export function verifyConsistency(
  from: number,
  to: number,
  fromRoot: Buffer,
  toRoot: Buffer,
  proof: Buffer[],
): boolean {
  if (from > to) return false;
  if (from === to) return proof.length === 0 && fromRoot.equals(toRoot);
  if (from === 0) return proof.length === 0;
  const path = [...proof];
  if ((from & (from - 1)) === 0) path.unshift(fromRoot);
  if (path.length === 0) return false;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}

/** Root of a whole list of leaf hashes, computed in memory (verifiers and tests). */
export function rootOf(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  let level = [...leaves];
  // Pairing bottom-up and promoting the odd node unchanged gives the RFC 9162 root.
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

/**
 * The complete nodes a tree gains when it grows from `oldSize` to `newSize` leaves, given the new
 * leaf hashes and a lookup of the old tree's frontier nodes (one per set bit of oldSize).
 * O(batch + log n): nothing below the frontier is read again.
 */
export function growTree(
  oldSize: number,
  newLeaves: readonly Buffer[],
  frontier: ReadonlyMap<string, Buffer>,
): Map<string, Buffer> {
  const added = new Map<string, Buffer>();
  const newSize = oldSize + newLeaves.length;
  newLeaves.forEach((h, i) => added.set(nodeId(0, oldSize + i), h));
  const get = (level: number, index: number): Buffer => {
    const id = nodeId(level, index);
    const found = added.get(id) ?? frontier.get(id);
    if (!found) throw new Error(`Merkle node ${id} is missing.`);
    return found;
  };
  for (let level = 1; 2 ** level <= newSize; level += 1) {
    const first = Math.floor(oldSize / 2 ** level);
    const last = Math.floor(newSize / 2 ** level);
    for (let index = first; index < last; index += 1) {
      added.set(
        nodeId(level, index),
        nodeHash(get(level - 1, 2 * index), get(level - 1, 2 * index + 1)),
      );
    }
  }
  return added;
}

/** The complete subtrees whose fold is the root of a tree of `size` leaves (largest first). */
export function frontierKeys(size: number): NodeKey[] {
  return size === 0 ? [] : rangeNodes(0, size);
}

export const nodeId = (level: number, index: number): string => `${level}/${index}`;
