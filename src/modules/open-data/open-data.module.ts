import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RegisterModule } from '../register/register.module.js';
import { TrustModule } from '../trust/trust.module.js';
import { OpenDataController } from './open-data.controller.js';
import { SnapshotsService } from './snapshots.service.js';

/** The public register as open data: signed daily snapshots to download. */
@Module({
  imports: [RegisterModule, TrustModule, AuditModule],
  controllers: [OpenDataController],
  providers: [SnapshotsService],
  exports: [SnapshotsService],
})
export class OpenDataModule {}
