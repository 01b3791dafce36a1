import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ClaimsModule } from '../claims/claims.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { IssuersModule } from '../issuers/issuers.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [
    AuthModule,
    AccountsModule,
    IssuersModule,
    PractitionersModule,
    CredentialsModule,
    ClaimsModule,
    OrganisationsModule,
  ],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
