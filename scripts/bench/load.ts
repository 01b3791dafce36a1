// The load benchmark (issue 8): the built registry and a bare Fastify + pg baseline, on the same
// database, in the same run, at 50 connections, for every public request that must scale.
// Usage: DATABASE_URL=postgres://…/registry_bench npm run bench:load [-- --people 1000000 --duration 10]
// Options: --people N (or BENCH_PEOPLE; default 1,000,000), --duration S per request and server
// (default 10), --warmup S (default 2), --connections C (default 50), --fresh (drop and regenerate),
// --drop-after (drop the database at the end: CI), --out DIR (default test-output),
// --skip-post-load (reuse a database without rebuilding its read models first), --only NAMES
// (comma separated scenario names), --profile DIR (the registry runs under --cpu-prof and writes
// its profile there when it stops).
// Exits non-zero when any request got a 5xx or other non-2xx answer or a connection error; never
// for a time (times on a shared machine say little; the table says what they were).
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepareBaseline } from './bare-server.js';
import { runPostLoadHooks } from './post-load.js';
import { generatePractitioners } from './generate.js';
import { asMarkdown, asText, type Measured, type Report, type ScenarioResult } from './report.js';
import { buildScenarios, type BenchRequest, samplePools, type Scenario } from './scenarios.js';
import { dropDatabase, ensureDatabase, migrate, scratchDatabaseName } from './schema.js';
import { type RunningServer, startBare, startRegistry } from './servers.js';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    fresh: { type: 'boolean', default: false },
    'drop-after': { type: 'boolean', default: false },
    out: { type: 'string', default: 'test-output' },
    only: { type: 'string' },
    profile: { type: 'string' },
    'skip-post-load': { type: 'boolean', default: false },
  },
});

const people = Number(args.people ?? process.env.BENCH_PEOPLE ?? 1_000_000);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const log = (line: string) => console.log(line);

async function practitionerCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM practitioners`);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** The database with exactly `people` practitioners (made if missing), plus the baseline's needs. */
async function ensureData(url: string): Promise<string[]> {
  await ensureDatabase(url, args.fresh);
  migrate(url);
  const count = await practitionerCount(url);
  if (count === people) {
    log(`database holds ${count} practitioners: reusing it`);
  } else {
    if (count > 0) {
      log(`database holds ${count} practitioners, not ${people}: starting afresh`);
      await ensureDatabase(url, true);
      migrate(url);
    }
    const summary = await generatePractitioners({ url, count: people, log });
    log(`generated in ${summary.seconds.toFixed(1)} s: ${JSON.stringify(summary.rows)}`);
    log(`CPU seconds: ${JSON.stringify(summary.cpuSeconds)}`);
  }
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    // A reused database may predate a migration that left read models to be built: build them
    // now (only what is due), so no request pays for it inside a measured run.
    // --skip-post-load: for a quick rerun of a few requests while a full rebuild would take longer
    // than the run; the registry then builds what it reads, so give such runs a long warm-up.
    if (count === people && !args['skip-post-load']) await runPostLoadHooks(setup, log);
    const added = await prepareBaseline(setup);
    for (const index of added) log(`bench index on the app's tables: ${index}`);
    return added;
  } finally {
    await setup.end();
  }
}

function measure(result: autocannon.Result): Measured {
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat.count ?? 0;
  }
  return {
    requestsPerSecond: result.requests.total / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    statusCodes,
    connectionErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    unfinished: Math.max(0, result.requests.sent - result.requests.total - result.errors),
  };
}

async function fire(server: RunningServer, scenario: Scenario, seconds: number) {
  const request = () => {
    const r: BenchRequest = scenario.next();
    return {
      method: r.method,
      path: r.path,
      body: r.body,
      headers: r.body === undefined ? {} : { 'content-type': 'application/json' },
    };
  };
  return autocannon({
    url: server.url,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
  });
}

/**
 * Clears what a run leaves behind before the next one starts: requests the server is still working
 * on after autocannon hung up (a slow search at 50 connections leaves minutes of queued queries).
 * Their queries are cancelled until the server answers a database round trip within 250 ms. Only
 * this database's sessions: benches on other databases of the same server share the app names.
 */
async function drain(server: RunningServer, admin: pg.Client): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await admin.query(
      `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
        WHERE application_name = $1 AND state = 'active' AND pid <> pg_backend_pid()
          AND datname = current_database()`,
      [server.appName],
    );
    const started = Date.now();
    try {
      await fetch(`${server.url}/health/ready`);
    } catch {
      // keep trying
    }
    if (Date.now() - started < 250) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One request of each kind before the run, so a broken route fails fast with its answer shown. */
async function smoke(server: RunningServer, scenario: Scenario): Promise<string | null> {
  const r = scenario.next();
  const res = await fetch(`${server.url}${r.path}`, {
    method: r.method,
    body: r.body,
    headers: r.body === undefined ? {} : { 'content-type': 'application/json' },
  });
  if (res.ok) return null;
  return `${server.name} ${scenario.name}: ${r.method} ${r.path} → ${res.status} ${(await res.text()).slice(0, 300)}`;
}

/** Numeric fields of /health/ready that speak of lag or pending work (the audit sequencer's). */
async function sequencerState(server: RunningServer): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  try {
    const body: unknown = await (await fetch(`${server.url}/health/ready`)).json();
    const walk = (value: unknown, key: string) => {
      if (typeof value === 'number' && /lag|pending|behind|backlog/i.test(key)) found[key] = value;
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
      }
    };
    walk(body, '');
  } catch {
    // not exposed (or not ready): nothing to report
  }
  return found;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a scratch database (its name must contain "bench" or "test").'); // prettier-ignore
  scratchDatabaseName(url);
  if (![people, duration, warmup, connections].every((n) => Number.isFinite(n) && n >= 0)) {
    throw new Error('--people, --duration, --warmup and --connections take numbers.');
  }
  fs.mkdirSync(args.out, { recursive: true });
  const startedAt = new Date().toISOString();
  const setup = await ensureData(url);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pools = await samplePools(client, 2000);
  const database = {
    server: (await client.query<{ v: string }>(`SELECT version() AS v`)).rows[0].v.split(' on ')[0],
    practitioners: Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM practitioners`)).rows[0].n), // prettier-ignore
    credentials: Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM credentials`)).rows[0].n), // prettier-ignore
    size: (await client.query<{ s: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s, // prettier-ignore
  };
  await client.end();
  let scenarios = buildScenarios(pools);
  if (args.only) {
    const wanted = args.only.split(',').map((s) => s.trim().toLowerCase());
    scenarios = scenarios.filter((s) => wanted.some((w) => s.name.toLowerCase().includes(w)));
  }

  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const logFile = path.resolve(args.out, 'bench-load-registry.log');
  const servers: RunningServer[] = [];
  const stopAll = async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  const failures: string[] = [];
  const results: ScenarioResult[] = [];
  let sequencer: Record<string, number> | null = null;
  const loadBefore = os.loadavg()[0];
  try {
    const startedRegistry = Date.now();
    const profile = args.profile
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`]
      : [];
    servers.push(await startRegistry(url, logFile, profile));
    log(`registry ready in ${((Date.now() - startedRegistry) / 1000).toFixed(1)} s`);
    servers.push(await startBare(url));
    const [registry, bare] = servers;
    for (const scenario of scenarios) {
      for (const server of servers) {
        const problem = await smoke(server, scenario);
        if (problem) failures.push(problem);
      }
    }
    if (failures.length) log(`smoke requests failed:\n  ${failures.join('\n  ')}`);

    for (const [n, scenario] of scenarios.entries()) {
      // Alternate which server goes first, so a drift in the machine's load does not favour one.
      const order = n % 2 === 0 ? [registry, bare] : [bare, registry];
      const measured: Partial<Record<'registry' | 'bare', Measured>> = {};
      for (const server of order) {
        if (warmup > 0) {
          await fire(server, scenario, warmup);
          await drain(server, admin);
        }
        const peaks: Record<string, number> = {};
        const watch =
          server === registry && scenario.kind === 'check'
            ? setInterval(() => {
                void sequencerState(server).then((state) => {
                  for (const [k, v] of Object.entries(state)) peaks[k] = Math.max(peaks[k] ?? v, v);
                });
              }, 1000)
            : null;
        const result = await fire(server, scenario, duration);
        if (watch) {
          clearInterval(watch);
          Object.assign(peaks, await sequencerState(server));
          if (Object.keys(peaks).length) sequencer = peaks;
        }
        measured[server.name as 'registry' | 'bare'] = measure(result);
        await drain(server, admin);
      }
      const r = measured.registry as Measured;
      const b = measured.bare as Measured;
      results.push({
        name: scenario.name,
        registry: r,
        bare: b,
        ratio: b.requestsPerSecond > 0 ? r.requestsPerSecond / b.requestsPerSecond : 0,
      });
      log(
        `${scenario.name}: registry ${r.requestsPerSecond.toFixed(0)} req/s p99 ${r.p99} ms, ` +
          `bare ${b.requestsPerSecond.toFixed(0)} req/s p99 ${b.p99} ms`,
      );
      for (const [label, m] of [
        ['registry', r],
        ['bare', b],
      ] as const) {
        if (m.non2xx || m.connectionErrors) {
          failures.push(
            `${label} ${scenario.name}: ${m.non2xx} non-2xx ${JSON.stringify(m.statusCodes)}, ${m.connectionErrors} connection errors`,
          );
        }
      }
    }
  } finally {
    await stopAll();
    await admin.end();
  }

  const cpus = os.cpus();
  const report: Report = {
    startedAt,
    command: `DATABASE_URL=<scratch db> npm run bench:load -- --people ${people} --duration ${duration} --warmup ${warmup} --connections ${connections}`,
    machine: {
      cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
      memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      'load average (1 min) before/after': `${loadBefore.toFixed(1)}/${os.loadavg()[0].toFixed(1)}`,
    },
    database,
    settings: { people, connections, durationSeconds: duration, warmupSeconds: warmup },
    setup,
    scenarios: results,
    sequencer,
    failures,
  };
  const base = path.join(args.out, 'bench-load');
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, asMarkdown(report));
  console.log(`\n${asText(report)}\n`);
  if (sequencer) console.log(`sequencer (max during claim checks): ${JSON.stringify(sequencer)}`);
  console.log(`written: ${base}.json, ${base}.md`);
  if (failures.length) {
    console.error(`\nFAILED: ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    const url = process.env.DATABASE_URL;
    if (args['drop-after'] && url) await dropDatabase(url).catch(() => undefined);
  });
