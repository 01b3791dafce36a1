import { entryBody, type PublishedAuditEntry } from './audit-entry-row.js';
import { parseCheckpoint, verifyCheckpoint } from './checkpoint.js';
import {
  canonicalEntry,
  consistencyRanges,
  foldRange,
  leafHash,
  rangeNodes,
  rootOf,
} from './merkle.js';
import { TILE_WIDTH } from './tile-path.js';

export interface AuditLogSource {
  /** Up to `limit` entries with seq >= fromSeq, in seq order as stored (a gap is the verifier's business). */
  entries(fromSeq: number, limit: number): Promise<PublishedAuditEntry[]>;
  /** Every checkpoint note the log has published (and any the caller kept from earlier). */
  checkpoints(): Promise<string[]>;
  /** Raw 32-byte Ed25519 public keys the registry signs checkpoints with, current and retired. */
  registryKeys(): Promise<Uint8Array[]>;
  /** A level-0 hash tile as served (`width` < 256 for a partial one), when the source has tiles. */
  tile?(index: number, width: number): Promise<Buffer | null>;
  /** The log's own consistency proof between two sizes, when the source serves proofs. */
  consistency?(from: number, to: number): Promise<Buffer[]>;
}

/** Proof checking is passed in, so the verifier can use code that shares nothing with the log. */
export interface ProofChecker {
  checkConsistency(
    m: number,
    n: number,
    oldRoot: Buffer,
    newRoot: Buffer,
    proof: Buffer[],
  ): boolean;
}

export interface AuditLogVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** The first entry that is missing, edited or out of place. */
  firstBrokenSeq?: number;
  problems: string[];
}

const PAGE = 1000;

interface SignedCheckpoint {
  size: number;
  root: Buffer;
}

/**
 * Rehashes every entry into its leaf, checks the served tiles against those leaves, then every
 * checkpoint: signed by a registry key, its root equal to the tree of the first `size` leaves as
 * they stand now, and each later checkpoint consistent with each earlier one (two roots for one
 * size, or a later tree that does not extend an earlier one, is a split view).
 */
export async function verifyAuditLog(
  source: AuditLogSource,
  checker: ProofChecker,
): Promise<AuditLogVerification> {
  const problems: string[] = [];
  const { leaves, firstBrokenSeq, problem } = await readLeaves(source);
  if (problem) problems.push(problem);
  if (source.tile && firstBrokenSeq === undefined) {
    problems.push(...(await checkTiles(source, leaves)));
  }
  const notes = [...new Set(await source.checkpoints())];
  const keys = await source.registryKeys();
  const signed: SignedCheckpoint[] = [];
  for (const note of notes) {
    const opened = openNote(note, keys);
    if (typeof opened === 'string') {
      problems.push(opened);
      continue;
    }
    signed.push(opened);
    const { size, root } = opened;
    if (firstBrokenSeq !== undefined && size >= firstBrokenSeq) continue;
    if (size > leaves.length) {
      problems.push(
        `checkpoint at size ${size} covers entries the log no longer has (it has ${leaves.length}): entries were deleted`,
      );
    } else if (!rootOf(leaves.slice(0, size)).equals(root)) {
      problems.push(
        `checkpoint at size ${size}: entries 1..${size} are not the entries it signed (the log was rewritten)`,
      );
    }
  }
  problems.push(...(await checkSplitViews(signed, leaves, source, checker)));
  return {
    ok: problems.length === 0,
    entries: leaves.length,
    checkpoints: notes.length,
    ...(firstBrokenSeq === undefined ? {} : { firstBrokenSeq }),
    problems,
  };
}

async function readLeaves(
  source: AuditLogSource,
): Promise<{ leaves: Buffer[]; firstBrokenSeq?: number; problem?: string }> {
  const leaves: Buffer[] = [];
  for (;;) {
    const page = await source.entries(leaves.length + 1, PAGE);
    for (const e of page) {
      const expected = leaves.length + 1;
      const broken = (reason: string) => ({
        leaves,
        firstBrokenSeq: e.seq,
        problem: `entry ${e.seq}: ${reason}`,
      });
      if (e.seq > expected)
        return broken(`seq ${e.seq} follows ${expected - 1}: entries are missing`);
      if (e.seq < expected) return broken(`seq ${e.seq} is out of order (expected ${expected})`);
      let leaf: Buffer;
      try {
        leaf = leafHash(canonicalEntry(entryBody(e)));
      } catch {
        return broken('the entry cannot be hashed');
      }
      if (leaf.toString('hex') !== e.hash) {
        return broken('hash does not match the entry (edited entry)');
      }
      leaves.push(leaf);
    }
    if (page.length < PAGE) return { leaves };
  }
}

async function checkTiles(source: AuditLogSource, leaves: Buffer[]): Promise<string[]> {
  const problems: string[] = [];
  for (let index = 0; index * TILE_WIDTH < leaves.length; index += 1) {
    const expected = Buffer.concat(leaves.slice(index * TILE_WIDTH, (index + 1) * TILE_WIDTH));
    const width = expected.length / 32;
    const served = await source.tile?.(index, width);
    if (served && !served.equals(expected)) {
      problems.push(`tile 0/${index} (width ${width}) does not hold the entries' leaf hashes`);
    }
  }
  return problems;
}

async function checkSplitViews(
  signed: SignedCheckpoint[],
  leaves: Buffer[],
  source: AuditLogSource,
  checker: ProofChecker,
): Promise<string[]> {
  const problems: string[] = [];
  const bySize = new Map<number, SignedCheckpoint>();
  for (const c of signed) {
    const seen = bySize.get(c.size);
    if (seen && !seen.root.equals(c.root)) {
      problems.push(`split view: two signed checkpoints of size ${c.size} with different roots`);
    }
    bySize.set(c.size, c);
  }
  const sorted = [...bySize.values()].sort((a, b) => a.size - b.size);
  for (let i = 1; i < sorted.length; i += 1) {
    const [older, newer] = [sorted[i - 1], sorted[i]];
    if (older.size === 0) continue;
    let proof: Buffer[] | null = null;
    if (source.consistency) {
      proof = await source.consistency(older.size, newer.size).catch(() => null);
    } else if (newer.size <= leaves.length) {
      proof = localConsistency(leaves, older.size, newer.size);
    } else {
      continue;
    }
    if (
      !proof ||
      !checker.checkConsistency(older.size, newer.size, older.root, newer.root, proof)
    ) {
      problems.push(
        `split view: checkpoint ${newer.size} is not consistent with checkpoint ${older.size}`,
      );
    }
  }
  return problems;
}

function localConsistency(leaves: Buffer[], from: number, to: number): Buffer[] {
  return consistencyRanges(from, to).map((r) => {
    const nodes = rangeNodes(r.start, r.end).map((k) =>
      rootOf(leaves.slice(k.index * 2 ** k.level, (k.index + 1) * 2 ** k.level)),
    );
    return foldRange(nodes);
  });
}

function openNote(note: string, keys: Uint8Array[]): SignedCheckpoint | string {
  let origin: string;
  try {
    origin = parseCheckpoint(note).origin;
  } catch (error) {
    return `checkpoint unreadable: ${error instanceof Error ? error.message : 'bad note'}`;
  }
  const verified = keys.map((key) => verifyCheckpoint(note, origin, key)).find((v) => v.ok);
  if (!verified?.ok) return `checkpoint is not signed by a registry key:\n${note}`;
  return { size: verified.checkpoint.size, root: verified.checkpoint.rootHash };
}
