import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { allConfig } from './config/configuration.js';
import { DatabaseModule } from './database/database.module.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { OutboxModule } from './modules/outbox/outbox.module.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { PractitionersModule } from './modules/practitioners/practitioners.module.js';
import { RolesModule } from './modules/roles/roles.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, load: allConfig, ignoreEnvFile: true }),
    DatabaseModule,
    AuditModule,
    OutboxModule,
    AuthModule,
    HealthModule,
    RolesModule,
    PractitionersModule,
    OrganisationsModule,
    AccountsModule,
  ],
})
export class AppModule {}
