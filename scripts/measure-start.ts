// Measures how long the embedded registry takes to answer GET /health: once on a fresh DATA_DIR
// (create, migrate, seed) and once reopening that directory. The build is not timed here.
// Usage: npm run bench:start [-- runs]   (default 1 run; prints each run and the medians)
// Each start also writes its own breakdown (src/common/startup/startup-timings.ts: wall and CPU at
// each phase, from inside the app) to a file named by STARTUP_TIMINGS_FILE; the medians of those
// are printed per phase, so a loaded machine's waiting can be told from the app's own work.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ENTRY } from './app-entry.js';

const runs = Math.max(1, Number(process.argv[2] ?? 1) || 1);

interface Mark {
  phase: string;
  wall: number;
  cpu: number;
}

interface Start {
  /** The app's own marks, in order: wall and CPU seconds since the process started. */
  marks: Mark[];
  health: number;
  ready: number;
  /** CPU seconds the app had used when /health first answered: less at the mercy of other load. */
  cpu: number;
}

/** user + system CPU seconds of a live process, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function launch(dataDir: string, port: number, timingsFile: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STARTUP_TIMINGS_FILE: timingsFile,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  delete env.DATABASE_URL;
  delete env.SEED_DEMO;
  return spawn(process.execPath, [APP_ENTRY], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Time from spawn to /health answering 200, then to /health/ready (seeded) answering 200. */
async function timeStart(dataDir: string): Promise<Start> {
  const port = 3800 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const timingsFile = path.join(dataDir, `start-timings-${port}.json`);
  const started = performance.now();
  const app = launch(dataDir, port, timingsFile);
  const exited = new Promise<number | null>((resolve) => app.once('exit', resolve));
  try {
    const health = await until(app, () => answers(`${base}/health`), started);
    const cpu = cpuSeconds(app.pid);
    const ready = await until(app, () => answers(`${base}/health/ready`), started);
    // main.ts rewrites the file once the demo data is seeded, which /health/ready waits for.
    const marks = JSON.parse(fs.readFileSync(timingsFile, 'utf8')) as Mark[];
    fs.rmSync(timingsFile, { force: true });
    return { marks, health, ready, cpu };
  } finally {
    app.kill('SIGTERM');
    await exited;
  }
}

async function until(
  app: ChildProcess,
  probe: () => Promise<boolean>,
  t0: number,
): Promise<number> {
  const deadline = t0 + 120_000;
  while (performance.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`The app exited with code ${app.exitCode}`);
    if (await probe()) return (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('The app did not answer within 120 s');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (x: number) => `${x.toFixed(2)} s`;

/**
 * Per phase (the interval ending at each mark, in the order the app reached them): the median wall
 * and CPU seconds it took, over the runs. The embedded database opens while modules load, so its
 * marks fall between the app's own; a phase's CPU is the whole process's.
 */
function breakdown(title: string, starts: Start[]): string {
  const phases = starts[0].marks.map((m) => m.phase);
  const rows = phases.map((phase) => {
    const took = starts.map((st) => {
      const i = st.marks.findIndex((m) => m.phase === phase);
      const prev = i > 0 ? st.marks[i - 1] : { wall: 0, cpu: 0 };
      return i < 0
        ? undefined
        : { wall: st.marks[i].wall - prev.wall, cpu: st.marks[i].cpu - prev.cpu, at: st.marks[i] };
    });
    const seen = took.filter((t) => t !== undefined);
    return (
      `  ${phase.padEnd(34)} +${s(median(seen.map((t) => t.wall))).padStart(8)} wall ` +
      `+${s(median(seen.map((t) => t.cpu))).padStart(8)} cpu   ` +
      `(at ${s(median(seen.map((t) => t.at.wall)))} wall, ${s(median(seen.map((t) => t.at.cpu)))} cpu)`
    );
  });
  return [`${title} (median per phase; 'main' includes Node's own start):`, ...rows].join('\n');
}

const first: Start[] = [];
const reopen: Start[] = [];
for (let i = 1; i <= runs; i++) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'measure-start-'));
  try {
    first.push(await timeStart(dataDir));
    reopen.push(await timeStart(dataDir));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const [f, r] = [first.at(-1) as Start, reopen.at(-1) as Start];
  console.log(
    `run ${i}: first start /health ${s(f.health)} (cpu ${s(f.cpu)}, ready ${s(f.ready)}), ` +
      `reopen /health ${s(r.health)} (cpu ${s(r.cpu)}, ready ${s(r.ready)})`,
  );
}
const summary = (xs: Start[]) =>
  `/health ${s(median(xs.map((x) => x.health)))} (cpu ${s(median(xs.map((x) => x.cpu)))}, ` +
  `ready ${s(median(xs.map((x) => x.ready)))})`;
console.log(`median of ${runs}: first start ${summary(first)}, reopen ${summary(reopen)}`);
console.log(breakdown('first start', first));
console.log(breakdown('reopen', reopen));
console.log(
  `load average while measuring: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
