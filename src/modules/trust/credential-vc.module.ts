import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { IssuersModule } from '../issuers/issuers.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { CredentialVcController } from './credential-vc.controller.js';
import { CredentialVcService } from './credential-vc.service.js';
import { TrustModule } from './trust.module.js';

/**
 * Credentials as Open Badges. Separate from TrustModule, which sits below credentials and issuers
 * in the module map: this one sits above them, so neither needs a forwardRef.
 */
@Module({
  imports: [TrustModule, CredentialsModule, PractitionersModule, IssuersModule, RolesModule],
  controllers: [CredentialVcController],
  providers: [CredentialVcService],
  exports: [CredentialVcService],
})
export class CredentialVcModule {}
