import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { IssuersModule } from '../issuers/issuers.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { RegisterReadModelModule } from '../register/register-read-model.module.js';
import { ClaimCorrectionsService } from './claim-corrections.service.js';
import { ClaimsController } from './claims.controller.js';
import { ClaimsService } from './claims.service.js';
import { EvidenceStorage } from './evidence-storage.js';

@Module({
  imports: [PractitionersModule, IssuersModule, CredentialsModule, RegisterReadModelModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimCorrectionsService, EvidenceStorage],
  exports: [ClaimsService],
})
export class ClaimsModule {}
