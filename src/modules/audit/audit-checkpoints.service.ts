import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import { AuditCheckpoint } from './audit-checkpoint.entity.js';
import { AuditSequencer } from './audit-sequencer.service.js';

/**
 * The log's signed checkpoints. The sequencer signs one in the transaction of every batch it
 * integrates, so a checkpoint always matches the stored tree; asking for one only waits for the
 * entries queued so far.
 */
@Injectable()
export class AuditCheckpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sequencer: AuditSequencer,
  ) {}

  /** The newest checkpoint once everything queued before the call is in the log. */
  async checkpoint(): Promise<AuditCheckpoint> {
    await this.sequencer.flush();
    return this.latest();
  }

  async latest(): Promise<AuditCheckpoint> {
    const found = await this.dataSource.manager.findOne(AuditCheckpoint, {
      where: {},
      order: { size: 'DESC' },
    });
    if (found) return found;
    await this.sequencer.flush();
    const first = await this.dataSource.manager.findOne(AuditCheckpoint, {
      where: {},
      order: { size: 'DESC' },
    });
    if (!first)
      throw new NotFoundError('AUDIT.NO_CHECKPOINT', 'No checkpoint has been signed yet.');
    return first;
  }

  async list(page: number, pageSize: number): Promise<{ items: AuditCheckpoint[]; total: number }> {
    const [items, total] = await this.dataSource.manager.findAndCount(AuditCheckpoint, {
      order: { size: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }
}
