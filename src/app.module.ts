import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { allConfig } from './config/configuration.js';
import { DatabaseModule } from './database/database.module.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { ClaimsModule } from './modules/claims/claims.module.js';
import { CredentialsModule } from './modules/credentials/credentials.module.js';
import { IssuersModule } from './modules/issuers/issuers.module.js';
import { DemoModule } from './modules/demo/demo.module.js';
import { DisputesModule } from './modules/disputes/disputes.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MailModule } from './modules/mail/mail.module.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';
import { OpenDataModule } from './modules/open-data/open-data.module.js';
import { OutboxModule } from './modules/outbox/outbox.module.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { PractitionersModule } from './modules/practitioners/practitioners.module.js';
import { PublicCredentialsModule } from './modules/public-credentials/public-credentials.module.js';
import { RegisterModule } from './modules/register/register.module.js';
import { RolesModule } from './modules/roles/roles.module.js';
import { StatisticsModule } from './modules/statistics/statistics.module.js';
import { PortfoliosModule } from './modules/portfolios/portfolios.module.js';
import { CredentialVcModule } from './modules/trust/credential-vc.module.js';
import { TrustModule } from './modules/trust/trust.module.js';
import { VerificationModule } from './modules/verification/verification.module.js';
import { WebModule } from './modules/web/web.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, load: allConfig, ignoreEnvFile: true }),
    DatabaseModule,
    AuditModule,
    TrustModule,
    OutboxModule,
    MailModule,
    AuthModule,
    HealthModule,
    MetricsModule,
    RolesModule,
    StatisticsModule,
    PortfoliosModule,
    PractitionersModule,
    OrganisationsModule,
    AccountsModule,
    IssuersModule,
    CredentialsModule,
    ClaimsModule,
    DisputesModule,
    DemoModule,
    CredentialVcModule,
    WebModule,
    RegisterModule,
    PublicCredentialsModule,
    VerificationModule,
    OpenDataModule,
  ],
})
export class AppModule {}
