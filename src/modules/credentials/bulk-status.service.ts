import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { RegisterReadModel } from '../register/register-read-model.js';
import { fileError, type RawRow, readRows } from './bulk-rows.js';
import { BULK_PAST, type BulkStatusAction, decideRow } from './bulk-status-rules.js';
import { BulkStatusRequest } from './bulk-status-request.entity.js';
import { BulkStatusRepository, type StatusChangeRow } from './bulk-status.repository.js';
import { IdempotencyKeyReusedError } from './credential.errors.js';
import { CredentialsService, today } from './credentials.service.js';

const BATCH_SIZE = 1000;
const COLUMNS = new Set(['credentialId', 'issuerReference']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BulkStatusRowReport {
  row: number;
  outcome: 'revoked' | 'suspended' | 'reinstated' | 'unchanged' | 'refused';
  credentialId?: string;
  issuerReference?: string;
  replayed?: true;
  code?: string;
  errors?: FieldError[];
}

interface Wanted {
  row: number;
  credentialId?: string;
  issuerReference?: string;
}

interface Run {
  by: Principal;
  issuerId: string;
  request: BulkStatusRequest;
  action: BulkStatusAction;
  /** Credentials this run changed, so a row naming one again reads "unchanged". */
  changed: Set<string>;
}

/**
 * Revokes, suspends or reinstates a streamed file of one issuer's credentials with one reason, a
 * batch per transaction: the status change, its audit and outbox events (watch-lists, webhooks),
 * the status lists (a trigger) and the register entries all move together.
 */
@Injectable()
export class BulkStatusService {
  private readonly logger = new Logger(BulkStatusService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsService,
    private readonly repository: BulkStatusRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly register: RegisterReadModel,
  ) {}

  /** Checks the request and the file's start (errors are 4xx), then streams the NDJSON report. */
  async start(
    by: Principal,
    key: string,
    action: BulkStatusAction,
    reason: string,
    contentType: string,
    body: unknown,
  ): Promise<Readable> {
    const issuerId = await this.credentials.requireActiveIssuer(by);
    const request = await this.requestFor(issuerId, key, action, reason.trim());
    const rows = readRows(contentType, body, COLUMNS, new Set());
    let first: IteratorResult<RawRow>;
    try {
      first = await rows.next();
    } catch (error) {
      throw fileError(error);
    }
    const run: Run = { by, issuerId, request, action, changed: new Set() };
    return Readable.from(this.report(run, first, rows), { objectMode: false });
  }

  /** The request kept under this key: made on first use; the same key for another change is a 422. */
  private async requestFor(
    issuerId: string,
    key: string,
    action: BulkStatusAction,
    reason: string,
  ): Promise<BulkStatusRequest> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(BulkStatusRequest)
      .values({ issuerId, key, action, reason })
      .orIgnore()
      .execute();
    const request = await this.dataSource.manager.findOneByOrFail(BulkStatusRequest, {
      issuerId,
      key,
    });
    if (request.action !== action || request.reason !== reason) {
      throw new IdempotencyKeyReusedError();
    }
    return request;
  }

  private async *report(
    run: Run,
    first: IteratorResult<RawRow>,
    rows: AsyncIterator<RawRow>,
  ): AsyncGenerator<string> {
    const summary = {
      action: run.action,
      rows: 0,
      changed: 0,
      replayed: 0,
      unchanged: 0,
      refused: 0,
      error: undefined as string | undefined,
    };
    let batch: { row: number; raw: RawRow }[] = [];
    const flush = async function* (this: BulkStatusService): AsyncGenerator<string> {
      const lines = await this.processBatch(run, batch);
      batch = [];
      for (const line of lines) {
        if (line.outcome === 'refused' || line.outcome === 'unchanged') summary[line.outcome] += 1;
        else if (line.replayed) summary.replayed += 1;
        else summary.changed += 1;
        yield `${JSON.stringify(line)}\n`;
      }
    }.bind(this);
    try {
      let next = first;
      while (!next.done) {
        summary.rows += 1;
        batch.push({ row: summary.rows, raw: next.value });
        if (batch.length >= BATCH_SIZE) yield* flush();
        next = await rows.next();
      }
      yield* flush();
    } catch (error) {
      if (batch.length) yield* flush();
      summary.error = fileError(error).detail;
      this.logger.warn(`Bulk status file stopped at row ${summary.rows}: ${summary.error}`);
    }
    yield `${JSON.stringify({ summary })}\n`;
  }

  private async processBatch(
    run: Run,
    batch: { row: number; raw: RawRow }[],
  ): Promise<BulkStatusRowReport[]> {
    const reports = new Map<number, BulkStatusRowReport>();
    const wanted: Wanted[] = [];
    for (const { row, raw } of batch) {
      const parsed = parseRow(row, raw);
      if ('errors' in parsed) reports.set(row, parsed);
      else wanted.push(parsed);
    }
    const on = today();
    const past = BULK_PAST[run.action];
    await this.dataSource.transaction(async (m) => {
      const locked = await this.repository.lockOwn(
        m,
        run.issuerId,
        wanted.flatMap((w) => (w.credentialId ? [w.credentialId] : [])),
        wanted.flatMap((w) => (w.issuerReference ? [w.issuerReference] : [])),
      );
      const byId = new Map(locked.map((c) => [c.id, c]));
      const byReference = new Map(locked.map((c) => [c.issuerReference ?? '', c]));
      const replayed = await this.repository.changedBy(
        m,
        run.request.id,
        locked.map((c) => c.id),
      );
      const changes: (StatusChangeRow & { practitionerId: string })[] = [];
      for (const w of wanted) {
        const c = w.credentialId
          ? byId.get(w.credentialId)
          : byReference.get(w.issuerReference ?? '');
        const named = {
          row: w.row,
          credentialId: c?.id ?? w.credentialId,
          issuerReference: c?.issuerReference ?? w.issuerReference,
        };
        if (!c) {
          reports.set(w.row, {
            ...named,
            outcome: 'refused',
            code: 'CREDENTIAL.NOT_FOUND',
            errors: [
              {
                field: w.credentialId ? 'credentialId' : 'issuerReference',
                message: 'no credential of yours matches',
              },
            ],
          });
        } else if (run.changed.has(c.id)) {
          reports.set(w.row, { ...named, outcome: 'unchanged', code: 'BULK.DUPLICATE_ROW' });
        } else if (replayed.has(c.id)) {
          run.changed.add(c.id);
          reports.set(w.row, { ...named, outcome: past, replayed: true });
        } else {
          const decision = decideRow(c.status, c.validUntil, run.action, on);
          if (decision.kind === 'change') {
            run.changed.add(c.id);
            changes.push({
              credentialId: c.id,
              from: decision.from,
              to: decision.to,
              practitionerId: c.practitionerId,
            });
            reports.set(w.row, { ...named, outcome: past });
          } else {
            reports.set(w.row, {
              ...named,
              outcome: decision.kind,
              code: decision.code,
              ...(decision.kind === 'refused'
                ? { errors: [{ field: 'status', message: decision.reason }] }
                : {}),
            });
          }
        }
      }
      const actor = actorOf(run.by);
      await this.repository.apply(m, changes, {
        action: run.action,
        reason: run.request.reason,
        requestId: run.request.id,
        ...actor,
      });
      await this.audit.recordMany(
        m,
        changes.map((c) => ({
          action: `credential.${past}`,
          ...actor,
          entityType: 'credential',
          entityId: c.credentialId,
          data: { from: c.from, to: c.to, bulkRequestId: run.request.id },
        })),
      );
      await this.outbox.addMany(
        m,
        changes.map((c) => ({
          type: 'credential.status-changed' as const,
          practitionerId: c.practitionerId,
          subjectType: 'credential',
          subjectId: c.credentialId,
          data: { action: run.action, from: c.from, to: c.to, reason: run.request.reason },
        })),
      );
      await this.register.refresh(
        m,
        changes.map((c) => c.practitionerId),
      );
    });
    return batch.map(({ row }) => reports.get(row) as BulkStatusRowReport);
  }
}

function parseRow(row: number, raw: RawRow): Wanted | BulkStatusRowReport {
  const id = typeof raw.credentialId === 'string' ? raw.credentialId.trim() : undefined;
  const reference =
    typeof raw.issuerReference === 'string' ? raw.issuerReference.trim() : undefined;
  const refuse = (field: string, message: string): BulkStatusRowReport => ({
    row,
    outcome: 'refused',
    credentialId: id,
    issuerReference: reference,
    code: 'REQUEST.VALIDATION_FAILED',
    errors: [{ field, message }],
  });
  if (id && reference)
    return refuse('credentialId', 'give credentialId or issuerReference, not both');
  if (id)
    return UUID.test(id)
      ? { row, credentialId: id.toLowerCase() }
      : refuse('credentialId', 'must be a UUID');
  if (reference)
    return reference.length <= 100
      ? { row, issuerReference: reference }
      : refuse('issuerReference', 'must be at most 100 characters');
  return refuse('credentialId', 'each row needs a credentialId or an issuerReference');
}
