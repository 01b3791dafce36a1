/**
 * Reading the outbox without skipping an event whose transaction commits late.
 *
 * `seq` is handed out when a row is inserted, not when its transaction commits: a reader that
 * pages by seq can see seq 11 (committed) while seq 10 is still in flight, move its cursor past
 * 10, and never see it. So each event records its transaction id, readers page in (xid, seq)
 * order, and they only read events whose transaction is older than the oldest one still running
 * (the xmin of their own snapshot). Every transaction below that horizon has ended, so the set of
 * events below it is final, and any event still to commit has a larger xid than the horizon,
 * hence lands after every cursor handed out so far. Works on PostgreSQL 13+ and PGlite, and on a
 * hot standby (whose snapshot reflects what it has replayed). A long transaction holds the feed
 * back until it ends: later events wait, none is lost.
 */

/** The writing transaction's id, as a bigint (xid8 is 64-bit and never wraps). */
export const CURRENT_XID = 'pg_current_xact_id()::text::bigint';

/** The oldest transaction still running as this statement sees it: read only below it. */
export const XID_HORIZON = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

/** A reader's place in the outbox: after this (xid, seq). */
export interface OutboxPosition {
  xid: string;
  seq: string;
}

export const START: OutboxPosition = { xid: '0', seq: '0' };
