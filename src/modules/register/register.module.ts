import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../../common/rate-limit/rate-limit.guard.js';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { TrustModule } from '../trust/trust.module.js';
import { PublicEntryService } from './public-entry.service.js';
import { RegisterChangesController } from './register-changes.controller.js';
import { RegisterChangesRepository } from './register-changes.repository.js';
import { RegisterChangesService } from './register-changes.service.js';
import { RegisterExtractController } from './register-extract.controller.js';
import { RegisterExtractService } from './register-extract.service.js';
import { RegisterReadModelModule } from './register-read-model.module.js';
import { RegisterSearchRepository } from './register-search.repository.js';
import { RegisterController } from './register.controller.js';
import { RegisterService } from './register.service.js';

/** The public register's read side: search, entries (today and as they stood), extracts. */
@Module({
  imports: [
    RateLimitModule,
    RegisterReadModelModule,
    OrganisationsModule,
    PractitionersModule,
    CredentialsModule,
    RolesModule,
    TrustModule,
  ],
  controllers: [RegisterExtractController, RegisterChangesController, RegisterController],
  providers: [
    RateLimitGuard,
    RegisterChangesRepository,
    RegisterChangesService,
    RegisterExtractService,
    RegisterSearchRepository,
    PublicEntryService,
    RegisterService,
  ],
  exports: [PublicEntryService, RegisterService, RegisterSearchRepository],
})
export class RegisterModule {}
