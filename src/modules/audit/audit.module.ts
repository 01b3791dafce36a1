import { Global, Module } from '@nestjs/common';
import { AuditBatchWriter } from './audit-batch-writer.js';
import { AuditCheckpointsService } from './audit-checkpoints.service.js';
import { AuditEntriesReader } from './audit-entries.reader.js';
import { AuditLogController } from './audit-log.controller.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditProofsService } from './audit-proofs.service.js';
import { AuditSequencer } from './audit-sequencer.service.js';
import { AuditTilesService } from './audit-tiles.service.js';
import { AuditTreeRepository } from './audit-tree.repository.js';
import { AuditService } from './audit.service.js';
import { CheckpointSigner } from './checkpoint-signer.js';

/**
 * The audit log as a Merkle transparency log: the queue every writer appends to, the sequencer,
 * the tree, tiles, proofs, checkpoints and their verifier. A leaf: it imports no feature module;
 * the registry key reaches it through CheckpointSigner, which the trust module fills in.
 */
@Global()
@Module({
  controllers: [AuditLogController],
  providers: [
    AuditService,
    CheckpointSigner,
    AuditTreeRepository,
    AuditBatchWriter,
    AuditSequencer,
    AuditProofsService,
    AuditTilesService,
    AuditEntriesReader,
    AuditCheckpointsService,
    AuditLogService,
  ],
  exports: [AuditService, CheckpointSigner, AuditProofsService, AuditSequencer],
})
export class AuditModule {}
