import { Module } from '@nestjs/common';
import { RATE_LIMIT_TIERS } from '../../common/rate-limit/rate-limit-tiers.js';
import { RateLimitGuard } from '../../common/rate-limit/rate-limit.guard.js';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { OrganisationTiers } from './organisation-tiers.js';
import { PractitionerChecksService } from './practitioner-checks.service.js';
import { PublicEntryService } from './public-entry.service.js';
import { TrustModule } from '../trust/trust.module.js';
import { ReceiptSigner } from './receipt-signer.js';
import { RegisterExtractController } from './register-extract.controller.js';
import { RegisterExtractService } from './register-extract.service.js';
import { RegisterController } from './register.controller.js';
import { RegisterService } from './register.service.js';
import { PractitionerChecksController, ShareCodesController } from './share-codes.controller.js';
import { ShareCodesService } from './share-codes.service.js';
import { VerificationRepository } from './verification.repository.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsService } from './verifications.service.js';
import { WatchListsController } from './watch-lists.controller.js';
import { WatchListsService } from './watch-lists.service.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';

@Module({
  imports: [
    RateLimitModule,
    PractitionersModule,
    CredentialsModule,
    RolesModule,
    OrganisationsModule,
    TrustModule,
  ],
  controllers: [
    RegisterExtractController,
    RegisterController,
    VerificationsController,
    ShareCodesController,
    PractitionerChecksController,
    WatchListsController,
  ],
  providers: [
    RegisterExtractService,
    VerificationRepository,
    PublicEntryService,
    RegisterService,
    ReceiptSigner,
    VerificationsService,
    ShareCodesService,
    PractitionerChecksService,
    WatchListsService,
    WebhookDispatcher,
    RateLimitGuard,
    { provide: RATE_LIMIT_TIERS, useClass: OrganisationTiers },
  ],
  exports: [PublicEntryService, RegisterService],
})
export class VerificationModule {}
