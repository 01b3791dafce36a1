// CPU per request, registry against bare: on a shared machine req/s moves with everyone else's
// load, but the CPU a server and its database sessions spend on a fixed number of requests does
// not (much). Same servers, data and inputs as `bench:load`; the database must already be filled.
// Usage: DATABASE_URL=…/bench_x node dist/scripts/bench/cpu.js [--only claim] [--requests 3000]
//        [--connections 50] [--profile DIR] (registry under --cpu-prof, profile written to DIR)
import autocannon from 'autocannon';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildScenarios, samplePools, type Scenario } from './scenarios.js';
import { type RunningServer, startBare, startRegistry } from './servers.js';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: 'claim' },
    requests: { type: 'string', default: '3000' },
    connections: { type: 'string', default: '50' },
    profile: { type: 'string' },
    out: { type: 'string', default: 'test-output' },
  },
});

const TICK = 100; // USER_HZ: /proc/<pid>/stat counts CPU in 1/100 s

/** CPU seconds of one process, from /proc: user + system, or system only. */
function cpuOf(pid: number, only?: 'system'): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((only ? 0 : Number(fields[11])) + Number(fields[12])) / TICK;
  } catch {
    return 0;
  }
}

async function backendPids(admin: pg.Client, appName: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    // This database's only: benches on other databases of the server use the same app names.
    `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
    [appName],
  );
  return rows.map((r) => r.pid);
}

/** Commits and CPU seconds of the database sessions named `appName`, sampled until stopped. */
function watchBackends(admin: pg.Client, appName: string) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let stopped = false;
  const sample = async () => {
    for (const pid of await backendPids(admin, appName)) {
      const cpu = cpuOf(pid);
      if (!first.has(pid)) first.set(pid, cpu);
      if (cpu > 0) last.set(pid, cpu);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    start: sample,
    /** CPU seconds since start; a session first seen later counts from when it was first seen. */
    stop: async () => {
      stopped = true;
      await loop;
      await sample();
      let total = 0;
      for (const [pid, cpu] of last) total += cpu - (first.get(pid) ?? cpu);
      return total;
    },
  };
}

async function commits(admin: pg.Client): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0].n);
}

async function run(server: RunningServer, scenario: Scenario, admin: pg.Client, amount: number) {
  const fire = (n: number) =>
    autocannon({
      url: server.url,
      connections: Number(args.connections),
      amount: n,
      timeout: 60,
      requests: [
        {
          setupRequest: (req) => {
            const r = scenario.next();
            return {
              ...req,
              method: r.method,
              path: r.path,
              body: r.body,
              headers: r.body === undefined ? {} : { 'content-type': 'application/json' },
            };
          },
        },
      ],
    });
  await fire(Math.min(500, amount)); // warm-up: pools open, JIT warm
  await new Promise((r) => setTimeout(r, 2000));
  const pid = server.process.pid ?? 0;
  const backends = watchBackends(admin, server.appName);
  await backends.start();
  const app0 = cpuOf(pid);
  const sys0 = cpuOf(pid, 'system');
  const commits0 = await commits(admin);
  const result = await fire(amount);
  // Let the sequencer finish what the run queued: that work is part of each check's cost.
  await new Promise((r) => setTimeout(r, 3000));
  const appCpu = cpuOf(pid) - app0;
  const sysCpu = cpuOf(pid, 'system') - sys0;
  const dbCpu = await backends.stop();
  await new Promise((r) => setTimeout(r, 600)); // pg_stat_database lags by up to 500 ms
  const n = result.requests.total;
  return {
    requests: n,
    seconds: result.duration,
    non2xx: result.non2xx,
    appMs: (appCpu * 1000) / n,
    sysMs: (sysCpu * 1000) / n,
    dbMs: (dbCpu * 1000) / n,
    commits: ((await commits(admin)) - commits0) / n,
  };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a filled bench database.');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const pools = await samplePools(admin, 2000);
  const wanted = args.only.split(',').map((s) => s.trim().toLowerCase());
  const scenarios = buildScenarios(pools).filter((s) =>
    wanted.some((w) => s.name.toLowerCase().includes(w)),
  );
  fs.mkdirSync(args.out, { recursive: true });
  const amount = Number(args.requests);
  if (args.profile) fs.mkdirSync(args.profile, { recursive: true });
  const registry = await startRegistry(
    url,
    path.join(args.out, 'bench-cpu-registry.log'),
    args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : [],
  );
  const bare = await startBare(url);
  const load = () => (fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?').trim();
  try {
    for (const scenario of scenarios) {
      for (const server of [bare, registry]) {
        const before = load();
        const m = await run(server, scenario, admin, amount);
        console.log(
          `${scenario.name} ${server.name}: ${m.requests} requests in ${m.seconds} s ` +
            `(${(m.requests / m.seconds).toFixed(0)}/s, non-2xx ${m.non2xx}), ` +
            `app ${m.appMs.toFixed(2)} ms CPU/request (${m.sysMs.toFixed(2)} in the kernel), db ${m.dbMs.toFixed(2)} ms CPU/request, ` +
            `${m.commits.toFixed(2)} commits/request, ` +
            `load ${before}→${load()}`,
        );
      }
    }
  } finally {
    await registry.stop();
    await bare.stop();
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
