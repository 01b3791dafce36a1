// Recomputes the audit log's hash chain (RFC 8785 bodies, SHA-256 chain) and checks every signed
// checkpoint against it: signature by a registry key, and that the first `size` entries still
// have the Merkle root it signed. Names the first broken entry. Exit code 0 when sound, 1 when not.
//
// Usage:
//   npm run audit:verify -- --url https://registry.example.org [--checkpoint saved-note.txt ...]
//   npm run audit:verify -- --database-url postgres://user@host/db [--checkpoint saved-note.txt ...]
// --checkpoint adds notes kept from earlier (a rewrite that also replaced the published
// checkpoints is still caught against a note someone saved before). --key <base64url Ed25519
// public key> pins the registry key instead of trusting the published JWKS / keys table.
import fs from 'node:fs';
import pg from 'pg';
import {
  verifyAuditLog,
  type AuditLogSource,
  type PublishedAuditEntry,
} from '../src/modules/trust/audit-log-verifier.js';
import {
  AUDIT_ENTRY_COLUMNS,
  type AuditEntryRow,
  toPublishedEntry,
} from '../src/modules/trust/audit-entry-row.js';
import { fromPublicKeyMultibase } from '../src/modules/trust/key-material.js';

interface Options {
  url?: string;
  databaseUrl?: string;
  checkpointFiles: string[];
  pinnedKeys: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { checkpointFiles: [], pinnedKeys: [] };
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
      entries: (from, limit) => base.entries(from, limit),
      checkpoints: async () => [...(await base.checkpoints()), ...extraNotes],
      registryKeys: async () => (pinned.length > 0 ? pinned : base.registryKeys()),
    };
    const result = await verifyAuditLog(source);
    const where = options.url ?? 'the database';
    if (result.ok) {
      console.log(
        `OK: ${result.entries} audit entries chain correctly and agree with ${result.checkpoints} signed checkpoint(s) (${where}).`,
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
