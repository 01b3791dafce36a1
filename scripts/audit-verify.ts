// Verifies the audit log as a Merkle transparency log: rehashes every entry into its RFC 9162
// leaf, checks the served tiles hold those leaves, checks every signed checkpoint (signature by a
// registry key; its root is the tree of the first `size` entries as they stand now), checks that
// each later checkpoint is consistent with each earlier one (a split view is reported), and, with
// --entry, that given entries are included in the latest checkpoint. Proofs are checked with
// scripts/minimal-proof-check.ts, which shares no code with the registry. Exit 0 when sound.
//
// Usage:
//   npm run audit:verify -- --url https://registry.example.org [--checkpoint saved-note.txt ...]
//   npm run audit:verify -- --database-url postgres://user@host/db [--checkpoint saved-note.txt ...]
// --checkpoint adds notes kept from earlier (a rewrite that also replaced the published
// checkpoints is still caught against a note someone saved before). --key <base64url Ed25519
// public key> pins the registry key instead of trusting the published JWKS / keys table.
// --entry <seq> (with --url) checks that entry's inclusion proof against the latest checkpoint.
import fs from 'node:fs';
import pg from 'pg';
import { verifyAuditLog, type AuditLogSource } from '../src/modules/audit/audit-log-verifier.js';
import {
  AUDIT_ENTRY_COLUMNS,
  type AuditEntryRow,
  type PublishedAuditEntry,
  toPublishedEntry,
} from '../src/modules/audit/audit-entry-row.js';
import { fromPublicKeyMultibase } from '../src/modules/trust/key-material.js';
import {
  checkConsistency,
  checkInclusion,
  entryLeafHash,
  openCheckpoint,
} from './minimal-proof-check.js';

interface Options {
  url?: string;
  databaseUrl?: string;
  checkpointFiles: string[];
  pinnedKeys: string[];
  entries: number[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { checkpointFiles: [], pinnedKeys: [], entries: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--url':
        options.url = value;
        i += 1;
        break;
      case '--database-url':
        options.databaseUrl = value;
        i += 1;
        break;
      case '--checkpoint':
        options.checkpointFiles.push(value);
        i += 1;
        break;
      case '--entry':
        options.entries.push(Number(value));
        i += 1;
        break;
      case '--key':
        options.pinnedKeys.push(value);
        i += 1;
        break;
      default:
        throw new Error(`Unknown argument "${argv[i]}".`);
    }
  }
  if (!options.url === !options.databaseUrl) {
    throw new Error('Give exactly one of --url <base url> or --database-url <postgres url>.');
  }
  return options;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

const hexes = (list: string[]): Buffer[] => list.map((h) => Buffer.from(h, 'hex'));

/** Problems with the inclusion of the given entries (by seq) in the latest checkpoint. */
async function checkEntries(root: string, seqs: number[], keys: Uint8Array[]): Promise<string[]> {
  if (seqs.length === 0) return [];
  const note = await (await fetch(`${root}/api/v1/audit/checkpoint`)).text();
  const origin = note.split('\n')[0];
  const cp = keys.map((k) => openCheckpoint(note, origin, Buffer.from(k))).find(Boolean);
  if (!cp) return ['the latest checkpoint is not signed by a registry key'];
  const problems: string[] = [];
  for (const seq of seqs) {
    const [entry] = (
      await getJson<{ items: PublishedAuditEntry[] }>(
        `${root}/api/v1/audit/entries?from=${seq}&to=${seq}`,
      )
    ).items;
    const proof = await getJson<{ proof: string[] }>(
      `${root}/api/v1/audit/proofs/inclusion?index=${seq - 1}&size=${cp.size}`,
    );
    const body = Object.fromEntries(Object.entries(entry).filter(([k]) => k !== 'hash'));
    if (!checkInclusion(seq - 1, cp.size, entryLeafHash(body), hexes(proof.proof), cp.root)) {
      problems.push(`entry ${seq} is not included in checkpoint ${cp.size}`);
    }
  }
  return problems;
}

function httpSource(base: string): AuditLogSource {
  const root = base.replace(/\/+$/, '');
  return {
    entries: async (from, limit) =>
      (
        await getJson<{ items: PublishedAuditEntry[] }>(
          `${root}/api/v1/audit/entries?from=${from}&to=${from + limit - 1}`,
        )
      ).items,
    checkpoints: async () => {
      const notes: string[] = [];
      for (let page = 1; ; page += 1) {
        const res = await getJson<{ items: { note: string }[]; total: number }>(
          `${root}/api/v1/audit/checkpoints?page=${page}&pageSize=100`,
        );
        notes.push(...res.items.map((c) => c.note));
        if (res.items.length === 0 || notes.length >= res.total) return notes;
      }
    },
    // The registry's did:web document lists every registry key, current and retired.
    tile: async (index, width) => {
      const res = await fetch(
        `${root}/api/v1/audit/tile/0/${index}${width < 256 ? `.p/${width}` : ''}`,
      );
      return res.ok ? Buffer.from(await res.arrayBuffer()) : null;
    },
    consistency: async (from, to) =>
      hexes(
        (
          await getJson<{ proof: string[] }>(
            `${root}/api/v1/audit/proofs/consistency?from=${from}&to=${to}`,
          )
        ).proof,
      ),
    registryKeys: async () => {
      const did = await getJson<{ verificationMethod: { publicKeyMultibase: string }[] }>(
        `${root}/.well-known/did.json`,
      );
      return did.verificationMethod.map((m) => fromPublicKeyMultibase(m.publicKeyMultibase));
    },
  };
}

function databaseSource(client: pg.Client): AuditLogSource {
  return {
    entries: async (from, limit) => {
      const { rows } = await client.query<AuditEntryRow>(
        `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2`,
        [from, limit],
      );
      return rows.map(toPublishedEntry);
    },
    // The stored level-0 nodes are what the tiles are served from.
    tile: async (index, width) => {
      const { rows } = await client.query<{ hash: Buffer }>(
        `SELECT hash FROM audit_tree_nodes WHERE level = 0 AND node_index >= $1 AND node_index < $2
          ORDER BY node_index`,
        [index * 256, index * 256 + width],
      );
      return Buffer.concat(rows.map((r) => r.hash));
    },
    checkpoints: async () =>
      (
        await client.query<{ note: string }>(`SELECT note FROM audit_checkpoints ORDER BY size`)
      ).rows.map((r) => r.note),
    registryKeys: async () =>
      (
        await client.query<{ x: string }>(
          `SELECT public_jwk->>'x' AS x FROM signing_keys WHERE owner_type = 'registry'`,
        )
      ).rows.map((r) => Buffer.from(r.x, 'base64url')),
  };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const extraNotes = options.checkpointFiles.map((f) => fs.readFileSync(f, 'utf8'));
  const pinned = options.pinnedKeys.map((k) => Buffer.from(k, 'base64url'));
  let client: pg.Client | undefined;
  try {
    let base: AuditLogSource;
    if (options.databaseUrl) {
      client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      base = databaseSource(client);
    } else {
      base = httpSource(options.url ?? '');
    }
    const source: AuditLogSource = {
      ...base,
      checkpoints: async () => [...(await base.checkpoints()), ...extraNotes],
      registryKeys: async () => (pinned.length > 0 ? pinned : base.registryKeys()),
    };
    const result = await verifyAuditLog(source, { checkConsistency });
    if (options.url && options.entries.length > 0) {
      const problems = await checkEntries(
        options.url.replace(/\/+$/, ''),
        options.entries,
        await source.registryKeys(),
      );
      result.problems.push(...problems);
      result.ok &&= problems.length === 0;
    }
    const where = options.url ?? 'the database';
    if (result.ok) {
      console.log(
        `OK: ${result.entries} audit entries hash to their leaves and agree with ${result.checkpoints} signed, mutually consistent checkpoint(s) (${where}).`,
      );
      return 0;
    }
    console.error(`BROKEN: the audit log at ${where} does not verify.`);
    if (result.firstBrokenSeq !== undefined) {
      console.error(`  First broken entry: seq ${result.firstBrokenSeq}`);
    }
    for (const problem of result.problems) console.error(`  - ${problem}`);
    console.error(
      `  (${result.entries} entries verified before the break; ${result.checkpoints} checkpoints)`,
    );
    return 1;
  } finally {
    await client?.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
