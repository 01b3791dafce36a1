import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../../common/rate-limit/rate-limit.guard.js';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { RegisterModule } from '../register/register.module.js';
import { CredentialVcModule } from '../trust/credential-vc.module.js';
import { TrustModule } from '../trust/trust.module.js';
import { PublicCredentialsController } from './public-credentials.controller.js';
import { PublicCredentialsService } from './public-credentials.service.js';

/** Sharing one credential publicly, by its holder's consent: above credentials, register and trust. */
@Module({
  imports: [
    RateLimitModule,
    CredentialsModule,
    PractitionersModule,
    RegisterModule,
    CredentialVcModule,
    TrustModule,
  ],
  controllers: [PublicCredentialsController],
  providers: [RateLimitGuard, PublicCredentialsService],
})
export class PublicCredentialsModule {}
