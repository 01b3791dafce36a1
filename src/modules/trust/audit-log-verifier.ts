import { merkleRoot, verifyChain, type ChainEntry } from './audit-chain.js';
import { parseCheckpoint, verifyCheckpoint } from './checkpoint.js';

/** One audit entry as published by GET /api/v1/audit/entries (or read from the table). */
export interface PublishedAuditEntry {
  seq: number;
  id: string;
  occurredAt: string;
  action: string;
  actorType: string;
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
  prevHash: string | null;
  hash: string | null;
}

export interface AuditLogSource {
  /** Up to `limit` entries with seq >= fromSeq, in seq order as stored (a gap is the verifier's business). */
  entries(fromSeq: number, limit: number): Promise<PublishedAuditEntry[]>;
  /** Every checkpoint note the log has published (and any the caller kept from earlier). */
  checkpoints(): Promise<string[]>;
  /** Raw 32-byte Ed25519 public keys the registry signs checkpoints with, current and retired. */
  registryKeys(): Promise<Uint8Array[]>;
}

export interface AuditLogVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** The first entry that is missing, edited or out of place, when the chain itself is broken. */
  firstBrokenSeq?: number;
  problems: string[];
}

const PAGE = 1000;

/** The canonical body an entry's hash covers: the same fields as AuditService.auditEventBody. */
export function entryBody(e: PublishedAuditEntry): Record<string, unknown> {
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: new Date(e.occurredAt).toISOString(),
    action: e.action,
    actorType: e.actorType,
    actorId: e.actorId,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
  };
}

/**
 * Recomputes the hash chain from the genesis entry, then checks every checkpoint: its signature
 * by a registry key, and that the Merkle root over the first `size` entries as they stand now is
 * the root it signed. A chain rewritten end to end (every hash recomputed) passes the first test
 * and fails the second against any checkpoint taken before the rewrite.
 */
export async function verifyAuditLog(source: AuditLogSource): Promise<AuditLogVerification> {
  const problems: string[] = [];
  const leaves: Buffer[] = [];
  let firstBrokenSeq: number | undefined;
  let anchor: string | undefined;
  let nextSeq = 1;
  for (;;) {
    const page = await source.entries(nextSeq, PAGE);
    if (page.length === 0) break;
    const chain: ChainEntry[] = page.map((e) => ({
      seq: e.seq,
      prevHash: e.prevHash ?? '',
      hash: e.hash ?? '',
      event: entryBody(e),
    }));
    const result = verifyChain(chain, { anchorHash: anchor, firstSeq: nextSeq });
    if (!result.ok) {
      const broken = result.firstBrokenSeq;
      for (const e of chain) {
        if (e.seq === broken) break;
        leaves.push(Buffer.from(e.hash, 'hex'));
      }
      firstBrokenSeq = broken;
      problems.push(`entry ${result.firstBrokenSeq}: ${result.reason}`);
      break;
    }
    for (const e of chain) leaves.push(Buffer.from(e.hash, 'hex'));
    const last = chain[chain.length - 1];
    anchor = last.hash;
    nextSeq = last.seq + 1;
    if (page.length < PAGE) break;
  }

  const notes = [...new Set(await source.checkpoints())];
  const keys = await source.registryKeys();
  for (const note of notes) {
    const problem = checkNote(note, keys, leaves, firstBrokenSeq);
    if (problem) problems.push(problem);
  }
  return {
    ok: problems.length === 0,
    entries: leaves.length,
    checkpoints: notes.length,
    ...(firstBrokenSeq === undefined ? {} : { firstBrokenSeq }),
    problems,
  };
}

function checkNote(
  note: string,
  keys: Uint8Array[],
  leaves: Buffer[],
  firstBrokenSeq: number | undefined,
): string | undefined {
  let origin: string;
  try {
    origin = parseCheckpoint(note).origin;
  } catch (error) {
    return `checkpoint unreadable: ${error instanceof Error ? error.message : 'bad note'}`;
  }
  const verified = keys.map((key) => verifyCheckpoint(note, origin, key)).find((v) => v.ok);
  if (!verified?.ok) return `checkpoint is not signed by a registry key:\n${note}`;
  const { size, rootHash } = verified.checkpoint;
  if (firstBrokenSeq !== undefined && size >= firstBrokenSeq) return undefined;
  if (size > leaves.length) {
    return `checkpoint at size ${size} covers entries the log no longer has (it has ${leaves.length}): entries were deleted`;
  }
  if (!merkleRoot(leaves.slice(0, size)).equals(rootHash)) {
    return `checkpoint at size ${size}: entries 1..${size} are not the entries it signed (the log was rewritten)`;
  }
  return undefined;
}
