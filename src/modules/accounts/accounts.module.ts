import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { AccountEmailController } from './account-email.controller.js';
import { AccountEmailService } from './account-email.service.js';
import { AccountTokensService } from './account-tokens.service.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { OrganisationAccountsService } from './organisation-accounts.service.js';

@Module({
  imports: [AuthModule, PractitionersModule, OrganisationsModule],
  controllers: [AccountsController, AccountEmailController],
  providers: [
    AccountsService,
    AccountEmailService,
    AccountTokensService,
    OrganisationAccountsService,
  ],
  exports: [AccountsService],
})
export class AccountsModule {}
