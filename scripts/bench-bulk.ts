// Measures bulk issuing: time and the app's peak memory for files of growing size, streamed as one
// request each. Starts its own registry process (embedded database in a temporary directory, or
// DATABASE_URL's server) so it can read that process's memory.
// Usage: npm run bench:bulk [-- 10000 100000]   (row counts; default 10000 100000)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

const counts = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const sizes = counts.length ? counts : [10_000, 100_000];
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const registrar = {
  email: 'bench-registrar@registry.test',
  password: randomBytes(12).toString('hex'),
};
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'));

const app = spawn(process.execPath, ['dist/src/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    BOOTSTRAP_REGISTRAR_EMAIL: registrar.email,
    BOOTSTRAP_REGISTRAR_PASSWORD: registrar.password,
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
  const holders: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const p = await call('POST', '/api/v1/auth/register', {
      email: `bench-holder-${i}-${Date.now()}@bench.test`,
      password: 'bench-holder-password',
      givenName: 'Bench',
      familyName: `Holder${i}`,
      dateOfBirth: '1980-01-01',
    });
    holders.push(String(p.registerNumber));
  }
  console.log(`app idle RSS ${rssMb().toFixed(0)} MB`);
  for (const rows of sizes) {
    let peak = rssMb();
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 250);
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
    clearInterval(sampler);
    const cpu = cpuSeconds() - cpuBefore;
    const seconds = (Date.now() - started) / 1000;
    const summary = /"summary":(\{[^}]*\})/.exec(tail)?.[1] ?? tail;
    console.log(
      `${rows} rows: ${seconds.toFixed(1)} s (${(rows / seconds).toFixed(0)} rows/s), app CPU ${cpu.toFixed(1)} s, app peak RSS ${peak.toFixed(0)} MB, load average ${os.loadavg()[0]?.toFixed(1)}, summary ${summary}`,
    );
  }
} finally {
  app.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
