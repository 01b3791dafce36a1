import pg from 'pg';
import { baseUrl, closeDb, count, db } from '../support/app.js';
import { newIssuer, newPractitioner, type TestIssuer } from '../support/factories.js';

const database = JSON.parse(process.env.TEST_DATABASE ?? '{}') as { kind: string; url?: string };
// Ending one session needs a server: the embedded database runs every session in one backend.
const serverOnly = database.kind === 'server' ? it : it.skip;

const HEADER = 'registerNumber,kind,title,awardedOn,issuerReference';
const ROWS = 5_000;

interface Report {
  rows: { row: number; outcome: string; code?: string; resumeFromRow?: number }[];
  summary: {
    rows: number;
    issued: number;
    alreadyIssued: number;
    refused: number;
    error?: string;
    resumeFromRow?: number;
  };
}

const waitFor = async (what: () => Promise<boolean>, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Ends the app's sessions that wait on the blocker's lock, mid-batch; how many it ended. A batch
 * writes its outbox rows by INSERT or, on the server database, by COPY.
 */
const endBlockedSessions = async (): Promise<number> =>
  (
    await db().query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'
          AND (query LIKE '%INSERT INTO outbox_events%' OR query LIKE 'COPY outbox_events%')`,
    )
  ).rowCount ?? 0;

describe('Bulk issuing when the database fails mid-upload', () => {
  let issuer: TestIssuer;
  let holders: string[];
  let blocker: pg.Client;
  beforeAll(async () => {
    issuer = await newIssuer();
    holders = (await Promise.all([newPractitioner(), newPractitioner()])).map(
      (p) => p.registerNumber,
    );
  });
  beforeEach(async () => {
    blocker = new pg.Client({ connectionString: database.url });
    if (database.kind === 'server') await blocker.connect();
  });
  afterEach(async () => {
    await blocker.query('ROLLBACK').catch(() => undefined);
    await blocker.end().catch(() => undefined);
  });
  afterAll(closeDb);

  const lines = (prefix: string, from: number, to: number) =>
    Array.from(
      { length: to - from + 1 },
      (_, i) =>
        `${holders[(from + i) % holders.length]},certificate,Certificate ${from + i},2023-01-01,${prefix}-${from + i}\n`,
    ).join('');

  const upload = async (body: string | ReadableStream<Uint8Array>): Promise<Report> => {
    const res = await fetch(`${baseUrl()}/api/v1/credentials/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-api-key': issuer.apiKey },
      body,
      duplex: 'half',
    });
    expect(res.status).toBe(200);
    // A complete report is one JSON document that ends with its summary.
    const text = await res.text();
    expect(text).toMatch(/,"summary":\{[^}]*\}\}$/);
    return JSON.parse(text) as Report;
  };

  /** Each reference of the prefix is issued exactly once: how many there are. */
  const issuedOnce = async (prefix: string): Promise<number> => {
    const { rows } = await db().query<{ n: string; refs: string; most: string }>(
      `SELECT count(*) AS n, count(DISTINCT issuer_reference) AS refs,
              COALESCE(max(c), 0) AS most
         FROM credentials
         JOIN (SELECT credential_id, count(*) AS c FROM credential_status_changes GROUP BY 1) h
           ON h.credential_id = credentials.id
        WHERE issuer_id = $1 AND issuer_reference LIKE $2`,
      [issuer.id, `${prefix}-%`],
    );
    const [row] = rows;
    expect(row?.n).toBe(row?.refs);
    expect(Number(row?.most ?? 0)).toBeLessThanOrEqual(1);
    return Number(row?.n ?? 0);
  };

  serverOnly(
    'should retry a batch whose session was ended and issue every row exactly once',
    async () => {
      // Hold the first batch mid-transaction, end its session, then let the retry through.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE outbox_events IN SHARE ROW EXCLUSIVE MODE');
      const report = upload(`${HEADER}\n${lines('RETRY', 1, ROWS)}`);
      await waitFor(async () => (await endBlockedSessions()) > 0, 30_000);
      await blocker.query('ROLLBACK');

      const { rows, summary } = await report;
      expect(summary).toEqual({ rows: ROWS, issued: ROWS, alreadyIssued: 0, refused: 0 });
      expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
      expect(await issuedOnce('RETRY')).toBe(ROWS);
      expect(
        await count(
          `SELECT 1 FROM outbox_events o JOIN credentials c ON c.id = o.subject_id
            WHERE c.issuer_id = $1 AND c.issuer_reference LIKE 'RETRY-%'`,
          [issuer.id],
        ),
      ).toBe(ROWS);
    },
    120_000,
  );

  serverOnly(
    'should say where to resume when the database keeps failing, not call it a bad file, and lose or double nothing',
    async () => {
      // The first batch commits; every attempt at the second is ended mid-transaction.
      let sendRest = () => undefined as void;
      const rest = new Promise<void>((resolve) => (sendRest = resolve));
      const encoder = new TextEncoder();
      const parts = [
        // The parser holds a line back until the next one starts: 1,001 lines let 1,000 through.
        () => Promise.resolve(`${HEADER}\n${lines('STOP', 1, 1001)}`),
        async () => {
          await rest;
          return lines('STOP', 1002, ROWS);
        },
      ];
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const part = parts.shift();
          if (part) controller.enqueue(encoder.encode(await part()));
          else controller.close();
        },
      });
      const report = upload(body);
      await waitFor(async () => (await issuedOnce('STOP')) === 1000, 30_000);
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE outbox_events IN SHARE ROW EXCLUSIVE MODE');
      sendRest();
      let done = false;
      const ending = (async () => {
        while (!done) {
          await endBlockedSessions();
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const { rows, summary } = await report.finally(() => (done = true));
      await ending;
      await blocker.query('ROLLBACK');

      expect(summary).toMatchObject({ rows: 1000, issued: 1000, resumeFromRow: 1001 });
      expect(summary.error).toMatch(/server error stopped the upload at row 1001/);
      expect(summary.error).not.toMatch(/could not be read/);
      expect(rows).toHaveLength(1001);
      expect(rows.at(-1)).toMatchObject({
        row: 1001,
        outcome: 'server-error',
        code: 'BULK.NOT_FINISHED',
        resumeFromRow: 1001,
      });
      expect(rows.slice(0, 1000).every((r) => r.outcome === 'issued')).toBe(true);
      expect(await issuedOnce('STOP')).toBe(1000);

      // Resuming where it said: every row issued, each once.
      const resumed = await upload(`${HEADER}\n${lines('STOP', 1001, ROWS)}`);
      expect(resumed.summary).toEqual({
        rows: ROWS - 1000,
        issued: ROWS - 1000,
        alreadyIssued: 0,
        refused: 0,
      });
      expect(await issuedOnce('STOP')).toBe(ROWS);
    },
    120_000,
  );
});
