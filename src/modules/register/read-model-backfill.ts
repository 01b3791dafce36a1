import { rebuildStaleEntries } from './rebuild-entries.js';

/**
 * The generator's post-load hook (scripts/bench/post-load.ts): rows loaded with COPY behind the
 * app's back leave their stored entries stale, so build them all before anything is measured.
 */
export async function backfillReadModel(
  query: (sql: string, params?: unknown[]) => Promise<unknown[]>,
): Promise<void> {
  await rebuildStaleEntries({ query: query as never });
}
