import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IssuersModule } from '../issuers/issuers.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { RegisterReadModelModule } from '../register/register-read-model.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { TrustModule } from '../trust/trust.module.js';
import { BulkBatchIssuer } from './bulk-batch-issuer.js';
import { DueEntrySweeper } from './bulk-entry-rebuilds.js';
import { BulkIssueService } from './bulk-issue.service.js';
import { BulkStatusController } from './bulk-status.controller.js';
import { BulkStatusRepository } from './bulk-status.repository.js';
import { BulkStatusService } from './bulk-status.service.js';
import { Credential } from './credential.entity.js';
import { CredentialSharingService } from './credential-sharing.service.js';
import { CredentialsController } from './credentials.controller.js';
import { CredentialsRepository } from './credentials.repository.js';
import { CredentialsService } from './credentials.service.js';
import { StandingController } from './standing.controller.js';
import { StandingService } from './standing.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Credential]),
    PractitionersModule,
    IssuersModule,
    RolesModule,
    TrustModule,
    RegisterReadModelModule,
  ],
  controllers: [CredentialsController, BulkStatusController, StandingController],
  providers: [
    CredentialsService,
    CredentialSharingService,
    CredentialsRepository,
    BulkBatchIssuer,
    BulkIssueService,
    DueEntrySweeper,
    BulkStatusService,
    BulkStatusRepository,
    StandingService,
  ],
  exports: [CredentialsService, CredentialSharingService, StandingService],
})
export class CredentialsModule {}
