import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../../common/rate-limit/rate-limit.guard.js';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { RegisterModule } from '../register/register.module.js';
import { BulkChecksController } from './bulk-checks.controller.js';
import { BulkChecksService } from './bulk-checks.service.js';
import { PractitionerChecksService } from './practitioner-checks.service.js';
import { TrustModule } from '../trust/trust.module.js';
import { ReceiptSigner } from './receipt-signer.js';
import { PractitionerChecksController, ShareCodesController } from './share-codes.controller.js';
import { ShareCodeKeys } from './share-code-keys.service.js';
import { ShareCodesService } from './share-codes.service.js';
import { VerificationRepository } from './verification.repository.js';
import { OrganisationChecksController } from './organisation-checks.controller.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsService } from './verifications.service.js';
import { WatchListsController } from './watch-lists.controller.js';
import { WatchListsService } from './watch-lists.service.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';

@Module({
  imports: [
    RateLimitModule,
    RegisterModule,
    PractitionersModule,
    CredentialsModule,
    OrganisationsModule,
    TrustModule,
  ],
  controllers: [
    BulkChecksController,
    VerificationsController,
    OrganisationChecksController,
    ShareCodesController,
    PractitionerChecksController,
    WatchListsController,
  ],
  providers: [
    VerificationRepository,
    ReceiptSigner,
    VerificationsService,
    BulkChecksService,
    ShareCodesService,
    ShareCodeKeys,
    PractitionerChecksService,
    WatchListsService,
    WebhookDispatcher,
    RateLimitGuard,
  ],
})
export class VerificationModule {}
