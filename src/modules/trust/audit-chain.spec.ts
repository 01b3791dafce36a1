import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  entryHash,
  GENESIS_HASH,
  merkleLeafHash,
  merkleRoot,
  verifyChain,
  type ChainEntry,
} from './audit-chain.js';

function buildChain(n: number): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const event = {
      action: 'credential.issued',
      at: `2025-01-0${(seq % 9) + 1}T10:00:00.000Z`,
      ref: `c${seq}`,
    };
    const hash = entryHash(prevHash, event);
    entries.push({ seq, prevHash, hash, event });
    prevHash = hash;
  }
  return entries;
}

describe(entryHash.name, () => {
  it('should hash prevHash bytes followed by the RFC 8785 canonical event', () => {
    const event = { b: 1, a: 'é', c: [1e21, 0.5] };
    const expected = createHash('sha256')
      .update(Buffer.alloc(32))
      .update('{"a":"é","b":1,"c":[1e+21,0.5]}')
      .digest('hex');
    expect(canonicalize(event)).toBe('{"a":"é","b":1,"c":[1e+21,0.5]}');
    expect(entryHash(GENESIS_HASH, event)).toBe(expected);
  });

  it('should not depend on key order', () => {
    expect(entryHash(GENESIS_HASH, { a: 1, b: 2 })).toBe(entryHash(GENESIS_HASH, { b: 2, a: 1 }));
  });
});

describe(verifyChain.name, () => {
  it('should accept an intact chain', () => {
    expect(verifyChain(buildChain(10))).toEqual({ ok: true });
  });

  it('should catch an edited event', () => {
    const chain = buildChain(10);
    chain[4] = { ...chain[4], event: { ...chain[4].event, ref: 'forged' } };
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      firstBrokenSeq: 5,
      reason: expect.stringMatching(/edited/),
    });
  });

  it('should catch a deleted event', () => {
    const chain = buildChain(10);
    chain.splice(6, 1);
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      firstBrokenSeq: 8,
      reason: expect.stringMatching(/missing/),
    });
  });

  it('should catch a deleted event whose successors were renumbered', () => {
    const chain = buildChain(10);
    chain.splice(6, 1);
    const renumbered = chain.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toMatchObject({
      ok: false,
      firstBrokenSeq: 7,
      reason: expect.stringMatching(/prevHash/),
    });
  });

  it('should catch a reordered pair', () => {
    const chain = buildChain(10);
    [chain[2], chain[3]] = [chain[3], chain[2]];
    expect(verifyChain(chain)).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('should catch a reordered pair with swapped seq numbers', () => {
    const chain = buildChain(10);
    const a = chain[2];
    const b = chain[3];
    chain[2] = { ...b, seq: a.seq };
    chain[3] = { ...a, seq: b.seq };
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: expect.stringMatching(/prevHash/),
    });
  });

  it('should catch a deleted first entry and check slices against an anchor', () => {
    const chain = buildChain(10);
    expect(verifyChain(chain.slice(1))).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(verifyChain(chain.slice(5), { anchorHash: chain[4].hash, firstSeq: 6 })).toEqual({
      ok: true,
    });
  });
});

/** RFC 6962 section 2.1 written recursively, as an independent reference. */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return merkleLeafHash(leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(referenceRoot(leaves.slice(0, k)))
    .update(referenceRoot(leaves.slice(k)))
    .digest();
}

describe(merkleRoot.name, () => {
  it('should match the recursive RFC 6962 definition for every size up to 70', () => {
    const leaves = buildChain(70).map((e) => Buffer.from(e.hash, 'hex'));
    for (let n = 0; n <= leaves.length; n++) {
      expect(merkleRoot(leaves.slice(0, n)).toString('hex')).toBe(
        referenceRoot(leaves.slice(0, n)).toString('hex'),
      );
    }
  });

  it('should match a known RFC 6962 vector', () => {
    // Certificate Transparency test vector: the empty tree and the one-leaf tree of an empty leaf.
    expect(merkleRoot([]).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(merkleRoot([Buffer.alloc(0)]).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });
});
