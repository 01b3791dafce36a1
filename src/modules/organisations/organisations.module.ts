import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RATE_LIMIT_TIERS } from '../../common/rate-limit/rate-limit-tiers.js';
import { Organisation } from './organisation.entity.js';
import { OrganisationTiers } from './organisation-tiers.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation])],
  controllers: [OrganisationsController],
  // One tier cache for every rate-limited module that imports this one.
  providers: [OrganisationsService, { provide: RATE_LIMIT_TIERS, useClass: OrganisationTiers }],
  exports: [OrganisationsService, RATE_LIMIT_TIERS],
})
export class OrganisationsModule {}
