import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegisterReadModelModule } from '../register/register-read-model.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { Practitioner } from './practitioner.entity.js';
import { PractitionersController } from './practitioners.controller.js';
import { PractitionersRepository } from './practitioners.repository.js';
import { PractitionersService } from './practitioners.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Practitioner]), RolesModule, RegisterReadModelModule],
  controllers: [PractitionersController],
  providers: [PractitionersService, PractitionersRepository],
  exports: [PractitionersService],
})
export class PractitionersModule {}
