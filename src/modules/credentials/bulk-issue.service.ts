import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Principal } from '../auth/principal.js';
import { IssuersService } from '../issuers/issuers.service.js';
import { RegisterReadModel } from '../register/register-read-model.js';
import { BulkBatchIssuer, type BatchResult, type RowReport } from './bulk-batch-issuer.js';
import { DueEntrySweeper, EntryRebuilds } from './bulk-entry-rebuilds.js';
import { BATCH_ATTEMPTS, isTransient, retryDelay } from './bulk-retry.js';
import { fileError, type RawRow, readRows } from './bulk-rows.js';
import { CredentialsService } from './credentials.service.js';

// One transaction, one status-list allocation and one insert per table per batch: larger batches
// cost fewer round trips; the report and memory stay bounded by a batch or two.
const BATCH_SIZE = 1000;

type Batch = { row: number; raw: RawRow }[];
type Outcome = { ok: true; result: BatchResult } | { ok: false; firstRow: number; reason: string };

/** The row that stands in for the rest of a file a server error stopped. */
interface StoppedRow {
  row: number;
  outcome: 'server-error';
  code: 'BULK.NOT_FINISHED';
  detail: string;
  resumeFromRow: number;
}

/** Issues a streamed file of credentials in batches, reporting each row; resending the file is safe. */
@Injectable()
export class BulkIssueService {
  private readonly logger = new Logger(BulkIssueService.name);

  constructor(
    private readonly credentials: CredentialsService,
    private readonly issuers: IssuersService,
    private readonly batches: BulkBatchIssuer,
    private readonly register: RegisterReadModel,
    private readonly sweeper: DueEntrySweeper,
  ) {}

  /** Checks the file's start (so a wrong file is a 400), then streams the report as rows are done. */
  async start(by: Principal, contentType: string, body: unknown): Promise<Readable> {
    const issuerId = await this.credentials.requireActiveIssuer(by);
    const issuer = await this.issuers.get(issuerId);
    const rows = readRows(contentType, body);
    let first: IteratorResult<RawRow>;
    try {
      first = await rows.next();
    } catch (error) {
      throw fileError(error);
    }
    const issue = (batch: Batch) => this.issueWithRetry(by, issuerId, issuer.name, batch);
    return Readable.from(discardingRest(this.report(issue, first, rows), body as Readable), {
      objectMode: false,
    });
  }

  /**
   * The report, as one JSON document whose last member is always the summary: a report that does
   * not end with it was cut short. While a batch is in the database the next one is read and
   * parsed; a batch's rows are reported once it has committed.
   */
  private async *report(
    issue: (batch: Batch) => Promise<Outcome>,
    first: IteratorResult<RawRow>,
    rows: AsyncIterator<RawRow>,
  ): AsyncGenerator<string> {
    const summary: {
      rows: number;
      issued: number;
      alreadyIssued: number;
      refused: number;
      error?: string;
      resumeFromRow?: number;
    } = { rows: 0, issued: 0, alreadyIssued: 0, refused: 0 };
    const rebuilds = new EntryRebuilds(this.register, this.sweeper, this.logger);
    let separator = '';
    let inFlight: Promise<Outcome> | null = null;
    let stopped = false;
    const line = (value: RowReport | StoppedRow) => {
      const text = `${separator}${JSON.stringify(value)}`;
      separator = ',';
      return text;
    };
    // Waits for the batch in the database and reports it, or reports where to resume.
    const settle = async function* (): AsyncGenerator<string> {
      if (!inFlight) return;
      const outcome = await inFlight;
      inFlight = null;
      if (!outcome.ok) {
        stopped = true;
        const detail =
          `A server error stopped the upload at row ${outcome.firstRow}: rows from there on were ` +
          `not issued. Send them again, or the whole file (rows already issued are reported ` +
          `already-issued). (${outcome.reason})`;
        summary.error = detail;
        summary.resumeFromRow = outcome.firstRow;
        yield line({
          row: outcome.firstRow,
          outcome: 'server-error',
          code: 'BULK.NOT_FINISHED',
          detail,
          resumeFromRow: outcome.firstRow,
        });
        return;
      }
      rebuilds.add(outcome.result.holders);
      for (const report of outcome.result.reports) {
        summary.rows += 1;
        summary[OUTCOME_COUNTER[report.outcome]] += 1;
        yield line(report);
      }
    };
    yield '{"rows":[';
    let batch: Batch = [];
    let rowNumber = 0;
    const send = async function* (): AsyncGenerator<string> {
      yield* settle();
      if (!stopped && batch.length) inFlight = issue(batch);
      batch = [];
    };
    try {
      let next = first;
      while (!next.done && !stopped) {
        rowNumber += 1;
        batch.push({ row: rowNumber, raw: next.value });
        if (batch.length >= BATCH_SIZE) yield* send();
        if (!stopped) next = await rows.next();
      }
      yield* send();
      yield* settle();
    } catch (error) {
      // Only reading the file throws here: issuing reports its failures as outcomes.
      yield* send();
      yield* settle();
      if (!stopped) {
        summary.error = fileError(error).detail;
        this.logger.warn(`Bulk file stopped at row ${rowNumber + 1}: ${summary.error}`);
      }
    }
    await rebuilds.finish();
    yield `],"summary":${JSON.stringify(summary)}}`;
  }

  /** Issues a batch, again after a lost connection or a lost race, a bounded number of times. */
  private async issueWithRetry(
    by: Principal,
    issuerId: string,
    awardingBody: string,
    batch: Batch,
  ): Promise<Outcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return { ok: true, result: await this.batches.issue(by, issuerId, awardingBody, batch) };
      } catch (error) {
        const firstRow = batch[0]?.row ?? 0;
        if (isTransient(error) && attempt < BATCH_ATTEMPTS) {
          this.logger.warn(`Bulk batch from row ${firstRow}, attempt ${attempt}: ${String(error)}`);
          await sleep(retryDelay(attempt));
          continue;
        }
        this.logger.error(`Bulk upload stopped at row ${firstRow}: ${String(error)}`);
        return {
          ok: false,
          firstRow,
          reason: isTransient(error) ? 'the database was unavailable' : 'an unexpected error',
        };
      }
    }
  }
}

const OUTCOME_COUNTER = {
  issued: 'issued',
  'already-issued': 'alreadyIssued',
  refused: 'refused',
} as const;

/**
 * The report, then the rest of an upload it stopped reading (a broken file, a server error) read
 * and dropped: bytes left unread on a kept-alive connection would be taken for the next request.
 */
async function* discardingRest(report: AsyncGenerator<string>, body: Readable) {
  try {
    yield* report;
  } finally {
    if (!body.readableEnded) {
      body.unpipe();
      body.resume();
    }
  }
}
