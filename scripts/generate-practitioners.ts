// Fills the database at DATABASE_URL with N practitioners (default 100000) and about 2N
// credentials, with every table the public register reads: realistic names (Zipf-skewed, accents,
// hyphens, former names), every register status, role, provenance and claim state. Deterministic
// for a given N and GENERATE_SEED (default 42). The database name must contain "bench" or "test";
// it is migrated first. See scripts/bench/generate.ts and docs/PERFORMANCE.md.
// Usage: npm run generate:practitioners [N]   (DATABASE_URL=postgres://…/registry_bench)
import { generatePractitioners } from './bench/generate.js';
import { migrate, scratchDatabaseName } from './bench/schema.js';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to the database to fill.');
  scratchDatabaseName(url);
  const count = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(count) || count < 1) throw new Error('N must be a whole number from 1.');
  migrate(url);
  const summary = await generatePractitioners({
    url,
    count,
    seed: Number(process.env.GENERATE_SEED ?? 42),
  });
  console.log(`Done in ${summary.seconds.toFixed(1)} s: ${JSON.stringify(summary.rows)}`);
  console.log(`CPU seconds: ${JSON.stringify(summary.cpuSeconds)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
