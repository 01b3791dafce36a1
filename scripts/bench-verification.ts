// Measures register search, entry and claim-check latency against a running app, with plain HTTP.
// Usage: node dist/scripts/bench-verification.js [baseUrl]   (default http://127.0.0.1:3000)
// BENCH_REQUESTS (per scenario, default 300), BENCH_SECONDS (per scenario cap, default 20) and
// BENCH_CONCURRENCY (default 4) bound the run. Run the app with limits raised (RATE_LIMIT_*), or
// the anonymous limits will answer 429 and the figures will say so.
const base = process.argv[2] ?? process.env.BENCH_URL ?? 'http://127.0.0.1:3000';
const maxRequests = Number(process.env.BENCH_REQUESTS ?? 300);
const maxSeconds = Number(process.env.BENCH_SECONDS ?? 20);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);

interface Scenario {
  name: string;
  request: (i: number) => { path: string; method?: 'GET' | 'POST'; body?: unknown };
}

interface Result {
  name: string;
  count: number;
  errors: number;
  statuses: Map<number, number>;
  latencies: number[];
  seconds: number;
}

const NAMES = [
  'Smith',
  'Jones',
  'Müller',
  'Patel',
  "O'Neill",
  'Østergaard',
  'Priya Khan',
  'Jose Garcia',
  'Siobhan Hughes',
  'Chen',
];
const TYPOS = [
  'Smtih',
  'Jnoes',
  'Muller',
  'Ptael',
  'Oneil',
  'Ostergard',
  'Priya Kahn',
  'Jsoe Garica',
  'Siobahn Hugehs',
  'Chne',
];

async function sampleNumbers(): Promise<string[]> {
  const numbers = new Set<string>();
  for (const name of NAMES) {
    const res = await fetch(`${base}/api/v1/register?q=${encodeURIComponent(name)}&pageSize=20`);
    if (!res.ok) continue;
    const body = (await res.json()) as { items: { registerNumber: string }[] };
    for (const item of body.items) numbers.add(item.registerNumber);
  }
  return [...numbers];
}

async function run(scenario: Scenario): Promise<Result> {
  const result: Result = {
    name: scenario.name,
    count: 0,
    errors: 0,
    statuses: new Map(),
    latencies: [],
    seconds: 0,
  };
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  let next = 0;
  const worker = async () => {
    while (next < maxRequests && performance.now() < deadline) {
      const { path, method = 'GET', body } = scenario.request(next++);
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: body === undefined ? undefined : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        await res.arrayBuffer();
        result.statuses.set(res.status, (result.statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 400) result.errors++;
      } catch {
        result.errors++;
      }
      result.latencies.push(performance.now() - t0);
      result.count++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function report(r: Result): string {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const ms = (v: number) => v.toFixed(1).padStart(7);
  const statuses = [...r.statuses].map(([s, n]) => `${s}×${n}`).join(' ');
  return `${r.name.padEnd(28)} n=${String(r.count).padStart(5)}  p50=${ms(percentile(sorted, 50))}ms  p95=${ms(percentile(sorted, 95))}ms  p99=${ms(percentile(sorted, 99))}ms  ${(r.count / r.seconds).toFixed(1).padStart(7)} req/s  [${statuses}]`;
}

async function main(): Promise<void> {
  const numbers = await sampleNumbers();
  if (numbers.length === 0)
    throw new Error(`No practitioners found at ${base}: generate some first.`);
  const scenarios: Scenario[] = [
    {
      name: 'search: name',
      request: (i) => ({
        path: `/api/v1/register?q=${encodeURIComponent(NAMES[i % NAMES.length])}`,
      }),
    },
    {
      name: 'search: name with typo',
      request: (i) => ({
        path: `/api/v1/register?q=${encodeURIComponent(TYPOS[i % TYPOS.length])}`,
      }),
    },
    {
      name: 'search: register number',
      request: (i) => ({ path: `/api/v1/register?q=${numbers[i % numbers.length]}` }),
    },
    {
      name: 'entry',
      request: (i) => ({ path: `/api/v1/register/${numbers[i % numbers.length]}` }),
    },
    {
      name: 'claim check',
      request: (i) => ({
        path: '/api/v1/verifications',
        method: 'POST',
        body: {
          registerNumber: numbers[i % numbers.length],
          claim: {
            kind: 'degree',
            title: 'MSc Health Informatics',
            awardingBody: 'University of Northshire',
            result: '2:1',
            awardedYear: 2010,
          },
        },
      }),
    },
  ];
  process.stdout.write(
    `${base}: ${numbers.length} sample register numbers, concurrency ${concurrency}, ≤${maxRequests} requests or ${maxSeconds}s per scenario\n`,
  );
  for (const scenario of scenarios) process.stdout.write(`${report(await run(scenario))}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
