// Measures bulk issuing: time, the app's CPU and peak memory, its database sessions' CPU and the
// audit sequencer's lag, for files of growing size, streamed as one request each. Starts its own
// registry process (embedded database in a temporary directory, or DATABASE_URL's server) so it
// can read that process's memory.
// Usage: npm run bench:bulk [-- 10000 100000] [--holders N]   (row counts; default 10000 100000)
// Holders: on a server database that already holds practitioners (npm run generate:practitioners),
// rows go to up to N (default 10,000) distinct registered practitioners drawn from it, as a real
// file would; otherwise (or with --holders 20) to 20 holders registered here, each collecting
// rows/20 credentials.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { APP_ENTRY } from './app-entry.js';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    holders: { type: 'string', default: '10000' },
    // A directory: the app runs under --cpu-prof and writes its profile there on exit.
    profile: { type: 'string' },
  },
});
const counts = positionals.map(Number).filter((n) => n > 0);
const sizes = counts.length ? counts : [10_000, 100_000];
const wantedHolders = Number(options.holders);
const APP_NAME = 'bench-bulk';
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const registrar = {
  email: 'bench-registrar@registry.test',
  // Fixed, like the keys below: a server database reused by a later run keeps this registrar.
  password: createHash('sha256').update('registry-bench:registrar').digest('hex').slice(0, 24),
};
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'));

const profileArgs = options.profile
  ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profile)}`]
  : [];
const app = spawn(process.execPath, [...profileArgs, APP_ENTRY], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    BOOTSTRAP_REGISTRAR_EMAIL: registrar.email,
    BOOTSTRAP_REGISTRAR_PASSWORD: registrar.password,
    // node-postgres names the app's sessions after PGAPPNAME: their CPU is measured below.
    PGAPPNAME: APP_NAME,
    // Fixed, as the load bench's (scripts/bench/servers.ts): a server database reused by a later
    // run keeps signing keys this key encrypted.
    KEY_ENCRYPTION_KEY:
      process.env.KEY_ENCRYPTION_KEY ??
      createHash('sha256').update('registry-bench:kek').digest().toString('base64'),
    JWT_SECRET:
      process.env.JWT_SECRET ?? createHash('sha256').update('registry-bench:jwt').digest('hex'),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

const rssMb = (): number => {
  const status = fs.readFileSync(`/proc/${app.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

/** user + system CPU seconds the app has used (Linux /proc): a figure less at the mercy of other load. */
const cpuSeconds = (): number => {
  const fields = fs.readFileSync(`/proc/${app.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** CPU seconds of the app's database sessions (server database only), sampled until stopped. */
function watchDatabase(admin: pg.Client | null) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const cpuOf = (pid: number) => {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return -1;
    }
  };
  const sample = async () => {
    if (!admin) return;
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
      [APP_NAME],
    );
    for (const { pid } of rows) {
      const cpu = cpuOf(pid);
      if (cpu < 0) continue;
      if (!first.has(pid)) first.set(pid, cpu);
      last.set(pid, cpu);
    }
  };
  return {
    sample,
    total: () => [...last].reduce((sum, [pid, cpu]) => sum + cpu - (first.get(pid) ?? cpu), 0),
  };
}

/** The audit sequencer's lag as /health/ready shows it. */
async function lag(): Promise<{ pending: number; oldest: number }> {
  try {
    const body = (await (await fetch(`${base}/health/ready`)).json()) as {
      checks?: { auditLog?: { pending?: number; oldestPendingSeconds?: number } };
      auditLog?: { pending?: number; oldestPendingSeconds?: number };
    };
    const log = body.checks?.auditLog ?? body.auditLog ?? {};
    return { pending: log.pending ?? 0, oldest: log.oldestPendingSeconds ?? 0 };
  } catch {
    return { pending: 0, oldest: 0 };
  }
}

/** Up to `n` registered, listed practitioners already in the database (none on the embedded one). */
async function existingHolders(admin: pg.Client | null, n: number): Promise<string[]> {
  if (!admin || n <= 20) return [];
  const { rows } = await admin.query<{ rn: string }>(
    `SELECT register_number AS rn FROM practitioners WHERE register_status = 'registered'
      ORDER BY md5(id::text) LIMIT $1`,
    [n],
  );
  return rows.length >= n ? rows.map((r) => r.rn) : [];
}

async function call(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function ready(): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the app did not start');
}

function csv(rows: number, holders: string[], prefix: string): Readable {
  let i = 0;
  return Readable.from(
    (function* () {
      yield 'registerNumber,kind,title,awardedOn,issuerReference\n';
      while (i < rows) {
        const lines: string[] = [];
        for (let j = 0; j < 1000 && i < rows; j += 1, i += 1) {
          lines.push(
            `${holders[i % holders.length]},certificate,Bench certificate ${i},2024-01-01,${prefix}-${i}`,
          );
        }
        yield `${lines.join('\n')}\n`;
      }
    })(),
  );
}

try {
  await ready();
  const login = await call('POST', '/api/v1/auth/login', registrar);
  const auth = { authorization: `Bearer ${String(login.accessToken)}` };
  const issuer = await call(
    'POST',
    '/api/v1/issuers',
    { name: `Bench University ${Date.now()}`, kind: 'university' },
    auth,
  );
  const staff = { email: `bench-${Date.now()}@bench.test`, password: 'bench-staff-password' };
  await call('POST', `/api/v1/issuers/${String(issuer.id)}/staff`, staff, auth);
  const staffLogin = await call('POST', '/api/v1/auth/login', staff);
  const key = await call(
    'POST',
    `/api/v1/issuers/${String(issuer.id)}/api-keys`,
    {},
    { authorization: `Bearer ${String(staffLogin.accessToken)}` },
  );
  const admin = process.env.DATABASE_URL
    ? new pg.Client({ connectionString: process.env.DATABASE_URL })
    : null;
  await admin?.connect();
  const holders: string[] = await existingHolders(admin, wantedHolders);
  for (let i = 0; holders.length < 20; i += 1) {
    const p = await call('POST', '/api/v1/auth/register', {
      email: `bench-holder-${i}-${Date.now()}@bench.test`,
      password: 'bench-holder-password',
      givenName: 'Bench',
      familyName: `Holder${i}`,
      dateOfBirth: '1980-01-01',
    });
    holders.push(String(p.registerNumber));
  }
  console.log(`app idle RSS ${rssMb().toFixed(0)} MB, ${holders.length} distinct holders`);
  for (const rows of sizes) {
    let peak = rssMb();
    const database = watchDatabase(admin);
    await database.sample();
    let maxLag = { pending: 0, oldest: 0 };
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
      void database.sample();
      void lag().then((l) => {
        maxLag = { pending: Math.max(maxLag.pending, l.pending), oldest: Math.max(maxLag.oldest, l.oldest) }; // prettier-ignore
      });
    }, 250);
    const started = Date.now();
    const cpuBefore = cpuSeconds();
    const init = {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-api-key': String(key.key) },
      body: Readable.toWeb(csv(rows, holders, `B${rows}`)),
      duplex: 'half',
    };
    const res = await fetch(`${base}/api/v1/credentials/bulk`, init as RequestInit);
    // Read the streamed report without keeping it: only the summary at its end matters here.
    let tail = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
      tail = (tail + Buffer.from(chunk).toString()).slice(-400);
    const seconds = (Date.now() - started) / 1000;
    const cpu = cpuSeconds() - cpuBefore;
    await database.sample();
    const uploadDb = database.total();
    // After the report: the sequencer integrates the last entries, and a large upload's holders'
    // stored register entries are rebuilt by a background sweep (reads rebuild a due entry first
    // meanwhile). That work is reported apart, not hidden.
    const settleStarted = Date.now();
    const settleCpu = cpuSeconds();
    const settleDb = watchDatabase(admin);
    await settleDb.sample();
    const due = async () =>
      admin
        ? Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM register_entries WHERE stale_after = '-infinity'`)).rows[0]?.n ?? 0) // prettier-ignore
        : 0;
    const dueAtEnd = await due();
    for (let i = 0; i < 2400 && ((await lag()).pending > 0 || (await due()) > 0); i += 1) {
      await settleDb.sample();
      await new Promise((r) => setTimeout(r, 250));
    }
    await settleDb.sample();
    clearInterval(sampler);
    const summary = /"summary":(\{[^}]*\})/.exec(tail)?.[1] ?? tail;
    console.log(
      `${rows} rows: ${seconds.toFixed(1)} s (${(rows / seconds).toFixed(0)} rows/s), app CPU ${cpu.toFixed(1)} s, ` +
        `database CPU ${admin ? `${uploadDb.toFixed(1)} s` : 'not measured (embedded)'}, ` +
        `sequencer max pending ${maxLag.pending} (oldest ${maxLag.oldest.toFixed(1)} s), ` +
        `load average ${os.loadavg()[0]?.toFixed(1)}, summary ${summary}; ` +
        `then ${dueAtEnd} register entries due, log and entries settled ${((Date.now() - settleStarted) / 1000).toFixed(1)} s later ` +
        `(app CPU ${(cpuSeconds() - settleCpu).toFixed(1)} s, database CPU ${admin ? settleDb.total().toFixed(1) : '?'} s); ` +
        `app peak RSS ${peak.toFixed(0)} MB`,
    );
  }
  await admin?.end();
} finally {
  app.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
