import { Injectable } from '@nestjs/common';
import { ValidationError } from '../../common/errors/app-error.js';
import { AuditCheckpoint } from './audit-checkpoint.entity.js';
import { AuditCheckpointsService } from './audit-checkpoints.service.js';
import { AuditEntriesReader } from './audit-entries.reader.js';
import type { AuditCheckpointDto, AuditCheckpointsDto, AuditEntriesDto } from './dto/audit.dto.js';

const MAX_ENTRIES = 1000;

/** The public face of the audit log: its entries by seq and its signed checkpoints. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly reader: AuditEntriesReader,
    private readonly checkpointsService: AuditCheckpointsService,
  ) {}

  async entries(from: number, to: number | undefined): Promise<AuditEntriesDto> {
    if (to !== undefined && to < from) {
      throw new ValidationError('AUDIT.RANGE_INVALID', '`to` must not be before `from`.', [
        { field: 'to', message: 'must be greater than or equal to from' },
      ]);
    }
    const last = Math.max(from, Math.min(to ?? Number.MAX_SAFE_INTEGER, from + MAX_ENTRIES - 1));
    const total = await this.reader.lastSeq();
    const items = await this.reader.range(undefined, from, last);
    const end = Math.min(last, total);
    return { items, from, to: last, total, ...(end < total ? { next: end + 1 } : {}) };
  }

  latestCheckpoint(): Promise<AuditCheckpoint> {
    return this.checkpointsService.latest();
  }

  async checkpoints(page: number, pageSize: number): Promise<AuditCheckpointsDto> {
    const { items, total } = await this.checkpointsService.list(page, pageSize);
    return { items: items.map(toDto), total, page, pageSize };
  }

  async createCheckpoint(): Promise<AuditCheckpointDto> {
    return toDto(await this.checkpointsService.checkpoint());
  }
}

function toDto(c: AuditCheckpoint): AuditCheckpointDto {
  return {
    size: c.size,
    rootHash: c.rootHash,
    note: c.note,
    kid: c.kid,
    createdAt: c.createdAt.toISOString(),
  };
}
