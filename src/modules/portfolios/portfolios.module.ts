import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { IssuersModule } from '../issuers/issuers.module.js';
import { MailModule } from '../mail/mail.module.js';
import { RegisterReadModelModule } from '../register/register-read-model.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { TrustModule } from '../trust/trust.module.js';
import { PortfoliosController } from './portfolios.controller.js';
import { PortfoliosService } from './portfolios.service.js';

@Module({
  imports: [
    RolesModule,
    IssuersModule,
    CredentialsModule,
    RegisterReadModelModule,
    MailModule,
    TrustModule,
  ],
  controllers: [PortfoliosController],
  providers: [PortfoliosService],
})
export class PortfoliosModule {}
