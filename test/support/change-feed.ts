import { api, db } from './app.js';

export interface Change {
  cursor: string;
  type: string;
  registerNumber: string;
  data: Record<string, unknown>;
}

export interface FeedRead {
  items: Change[];
  next: string;
}

/** Every change after `since`, following `next` until a page comes back empty. */
export async function readFeed(since?: string): Promise<FeedRead> {
  const items: Change[] = [];
  let cursor = since;
  for (;;) {
    const res = await api()
      .get('/api/v1/register/changes')
      .query({ ...(cursor ? { since: cursor } : {}), pageSize: 100 })
      .expect(200);
    items.push(...(res.body.items as Change[]));
    if (res.body.items.length === 0) return { items, next: res.body.next as string };
    cursor = res.body.next as string;
  }
}

/**
 * The feed holds events back while an older transaction is still running (on a shared server,
 * anyone's): poll until `wanted` says it has caught up, or the time is up.
 */
export async function readFeedUntil(
  since: string,
  wanted: (items: Change[]) => boolean,
  timeoutMs = 30_000,
): Promise<FeedRead> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const feed = await readFeed(since);
    if (wanted(feed.items) || Date.now() > until) return feed;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The cursor of the feed's current end, from the outbox itself. A test that only wants what it is
 * about to cause starts here: reading the whole feed from the start to find its end costs a request
 * per 100 events, which after a full test run's bulk uploads took longer than a test may.
 */
export async function feedEnd(): Promise<string> {
  const { rows } = await db().query<{ xid: string; seq: string }>(
    `SELECT xid::text AS xid, seq::text AS seq FROM outbox_events ORDER BY xid DESC, seq DESC LIMIT 1`,
  );
  const at = rows[0] ?? { xid: '0', seq: '0' };
  return Buffer.from(`x:${at.xid}:${at.seq}`, 'utf8').toString('base64url');
}
