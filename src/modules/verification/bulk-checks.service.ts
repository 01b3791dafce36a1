import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { DataSource, In } from 'typeorm';
import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { clientKeyOf } from '../../common/rate-limit/rate-limit.guard.js';
import { RATE_LIMIT_TIERS, type RateLimitTiers } from '../../common/rate-limit/rate-limit-tiers.js';
import { RATE_LIMITER, type RateLimiter } from '../../common/rate-limit/rate-limiter.js';
import { limitsConfig, type LimitsConfig } from '../../config/limits.config.js';
import type { Principal } from '../auth/principal.js';
import { fileError, type RawRow, readRows } from '../credentials/bulk-rows.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { requireRegisterNumber } from '../practitioners/register-number.parse.js';
import {
  REGISTRATION_BODIES,
  validateRegistrationNumber,
} from '../practitioners/professional-registration.js';
import { BulkCheckRow } from './bulk-check-row.entity.js';
import { CHECK_COLUMNS, CHECK_NUMERIC, parseCheckRow } from './bulk-check-rows.js';
import type { ClaimAskedDto } from './dto/verification.dto.js';
import { VerificationsService } from './verifications.service.js';

export const MAX_BULK_CHECK_ROWS = 10_000;
// Rows whose stored answers a resend looks up at once.
const LOOKUP = 500;

export type BulkCheckLine = Record<string, unknown> & { row: number };

/** A valid row counted against the limit, waiting for its batch to be checked together. */
interface PendingCheck {
  registerNumber: string;
  claim: ClaimAskedDto;
}

interface Run {
  by: Principal | null;
  scope: string;
  key: string | null;
  /** The limiter key and limit rows count against: the single check's own allowance. */
  limitKey: string;
  limit: number;
}

/**
 * An employer's many claim checks in one streamed request: each row is checked exactly as
 * `POST /verifications` checks one (the same matching, outcome and signed receipt) and counts
 * once against the same rate limit. With an Idempotency-Key each row's answer is kept, so a resend
 * (after a broken connection or a rate limit) repeats those and checks only the rest.
 */
@Injectable()
export class BulkChecksService {
  private readonly logger = new Logger(BulkChecksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifications: VerificationsService,
    private readonly practitioners: PractitionersService,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
    @Optional() @Inject(RATE_LIMIT_TIERS) private readonly tiers: RateLimitTiers | null,
  ) {}

  async start(
    by: Principal | null,
    ip: string,
    key: string | null,
    contentType: string,
    body: unknown,
  ): Promise<AsyncGenerator<BulkCheckLine>> {
    const client = await clientKeyOf({ ip, user: by }, this.tiers ?? null);
    const tier = client.employer ? 'employer' : 'anonymous';
    const scope = by
      ? by.organisationId
        ? `org:${by.organisationId}`
        : `user:${by.id}`
      : client.key;
    const run: Run = {
      by,
      scope,
      key,
      limitKey: `check:${tier}:${client.key}`,
      limit: this.limits.check[tier],
    };
    const rows = readRows(contentType, body, CHECK_COLUMNS, CHECK_NUMERIC);
    let first: IteratorResult<RawRow>;
    try {
      first = await rows.next();
    } catch (error) {
      throw fileError(error);
    }
    return this.lines(run, first, rows);
  }

  private async *lines(
    run: Run,
    first: IteratorResult<RawRow>,
    rows: AsyncIterator<RawRow>,
  ): AsyncGenerator<BulkCheckLine> {
    const summary = {
      rows: 0,
      checked: 0,
      repeated: 0,
      refused: 0,
      outcomes: {} as Record<string, number>,
      error: undefined as string | undefined,
    };
    let batch: { row: number; raw: RawRow }[] = [];
    let stopped = false;
    const flush = async function* (this: BulkChecksService): AsyncGenerator<BulkCheckLine> {
      const stored = await this.storedAnswers(
        run,
        batch.map((b) => b.row),
      );
      // Rows in order: answers kept from before, refusals, and the checks this batch makes.
      const lines: (BulkCheckLine | null)[] = [];
      const pending: { at: number; row: number; check: PendingCheck }[] = [];
      for (const { row, raw } of batch) {
        const hash = rowHash(raw);
        const previous = stored.get(row);
        let line: BulkCheckLine | undefined;
        if (previous && previous.rowHash !== hash) {
          line = refused(row, 'VERIFICATION.IDEMPOTENCY_KEY_REUSED', [
            { field: 'row', message: 'differs from the row sent before with this Idempotency-Key' },
          ]);
        } else if (previous) {
          line = { ...previous.result, row, repeated: true };
        } else if (stopped) {
          line = refused(row, 'RATE_LIMITED', [
            { field: 'row', message: 'not checked: the rate limit was reached' },
          ]);
        } else {
          const prepared = await this.prepareRow(run, row, raw);
          if ('check' in prepared) {
            pending.push({ at: lines.length, row, check: prepared.check });
          } else {
            line = prepared.line;
            if (line.code === 'RATE_LIMITED') stopped = true;
          }
        }
        lines.push(line ?? null);
      }
      const results = await this.verifications.checkMany(
        pending.map((p) => p.check),
        run.by,
      );
      for (const [i, p] of pending.entries()) {
        const result = results[i];
        lines[p.at] = {
          row: p.row,
          registerNumber: result?.registerNumber,
          outcome: result?.outcome,
          fields: result?.fields,
          reference: result?.reference,
          receiptUrl: result?.receiptUrl,
        };
      }
      if (run.key !== null) {
        // Every new answer but a rate-limit refusal is kept, so a resend repeats it.
        const fresh = batch.flatMap(({ row, raw }, i) => {
          const line = lines[i];
          return line && !line.repeated && line.code !== 'RATE_LIMITED'
            ? [{ row, hash: rowHash(raw), line }]
            : [];
        });
        await this.keep(run, fresh);
      }
      for (const line of lines) {
        if (line === null) continue;
        if (line.repeated) summary.repeated += 1;
        else if (line.errors) summary.refused += 1;
        else summary.checked += 1;
        if (typeof line.outcome === 'string')
          summary.outcomes[line.outcome] = (summary.outcomes[line.outcome] ?? 0) + 1;
        yield line;
      }
      batch = [];
    }.bind(this);
    try {
      let next = first;
      while (!next.done) {
        if (summary.rows >= MAX_BULK_CHECK_ROWS) {
          summary.error = `More than ${MAX_BULK_CHECK_ROWS} rows: the rest were not read.`;
          break;
        }
        summary.rows += 1;
        batch.push({ row: summary.rows, raw: next.value });
        if (batch.length >= LOOKUP) yield* flush();
        next = await rows.next();
      }
      yield* flush();
    } catch (error) {
      if (batch.length) yield* flush();
      summary.error = fileError(error).detail;
      this.logger.warn(`Bulk check stopped at row ${summary.rows}: ${summary.error}`);
    }
    if (stopped)
      summary.error ??=
        'The rate limit was reached: resend with the same Idempotency-Key later to check the rest.';
    yield { row: 0, summary };
  }

  /** A row ready to check (counted against the limit), or the line that refuses it. */
  private async prepareRow(
    run: Run,
    row: number,
    raw: RawRow,
  ): Promise<{ line: BulkCheckLine } | { check: PendingCheck }> {
    const parsed = parseCheckRow(raw);
    if (!parsed.ok) return { line: refused(row, 'REQUEST.VALIDATION_FAILED', parsed.errors) };
    const hit = await this.limiter
      .hit(run.limitKey, run.limit, this.limits.windowSeconds)
      .catch(() => null);
    if (hit && !hit.allowed)
      return {
        line: refused(row, 'RATE_LIMITED', [
          {
            field: 'row',
            message: `not checked: the rate limit was reached; retry after ${hit.retryAfterSeconds} s`,
          },
        ]),
      };
    try {
      const registerNumber =
        'registerNumber' in parsed.who
          ? requireRegisterNumber(parsed.who.registerNumber)
          : await this.byRegistration(parsed.who.registration);
      if (registerNumber === null) {
        return {
          line: refused(row, 'VERIFICATION.NO_RECORD', [
            {
              field: 'registrationNumber',
              message: 'no one on the register holds this registration',
            },
          ]),
        };
      }
      return { check: { registerNumber, claim: parsed.claim } };
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        return {
          line: refused(
            row,
            error.code,
            error.errors?.length
              ? error.errors
              : [{ field: 'registerNumber', message: error.detail }],
          ),
        };
      }
      throw error;
    }
  }

  private async byRegistration(registration: {
    body: string;
    number: string;
  }): Promise<string | null> {
    const body = REGISTRATION_BODIES.find(
      (b) => b.toLowerCase() === registration.body.toLowerCase(),
    );
    if (!body)
      throw new AppError(
        'REQUEST.VALIDATION_FAILED',
        400,
        'Invalid registration',
        'registrationBody must be GMC, NMC, HCPC or GPhC.',
        [{ field: 'registrationBody', message: 'must be GMC, NMC, HCPC or GPhC' }],
      );
    const checked = validateRegistrationNumber(body, registration.number);
    if (!checked.ok)
      throw new AppError(
        'REQUEST.VALIDATION_FAILED',
        400,
        'Invalid registration',
        checked.message,
        [{ field: 'registrationNumber', message: checked.message }],
      );
    const id = await this.practitioners.findIdByRegistration(body, checked.value);
    if (!id) return null;
    return (await this.practitioners.registerNumbersByIds([id])).get(id) ?? null;
  }

  private async storedAnswers(run: Run, rows: number[]): Promise<Map<number, BulkCheckRow>> {
    if (run.key === null || rows.length === 0) return new Map();
    const found = await this.dataSource.manager.findBy(BulkCheckRow, {
      scope: run.scope,
      key: run.key,
      row: In(rows),
    });
    return new Map(found.map((r) => [r.row, r]));
  }

  /** A batch's answers, kept in one statement for a resend with the same key. */
  private async keep(
    run: Run,
    rows: { row: number; hash: string; line: BulkCheckLine }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO bulk_check_rows (scope, key, row, row_hash, result)
       SELECT $1, $2, u.row, u.row_hash, u.result
         FROM unnest($3::integer[], $4::varchar[], $5::jsonb[]) AS u(row, row_hash, result)
       ON CONFLICT DO NOTHING`,
      [
        run.scope,
        run.key ?? '',
        rows.map((r) => r.row),
        rows.map((r) => r.hash),
        rows.map((r) => JSON.stringify(r.line)),
      ],
    );
  }
}

function refused(row: number, code: string, errors: FieldError[]): BulkCheckLine {
  return { row, code, errors };
}

const rowHash = (raw: RawRow) =>
  createHash('sha256')
    .update(canonicalize(raw) ?? '')
    .digest('hex');
