import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { Dispute } from './dispute.entity.js';
import { DisputesController } from './disputes.controller.js';
import { DisputesService } from './disputes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Dispute]), PractitionersModule],
  controllers: [DisputesController],
  providers: [DisputesService],
})
export class DisputesModule {}
