import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { TrustModule } from '../trust/trust.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { Issuer } from './issuer.entity.js';
import { Programme } from './programme.entity.js';
import { ProgrammesController } from './programmes.controller.js';
import { ProgrammesService } from './programmes.service.js';
import { IssuersController } from './issuers.controller.js';
import { IssuersService } from './issuers.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Issuer, Programme]), AuthModule, TrustModule, RolesModule],
  controllers: [IssuersController, ProgrammesController],
  providers: [IssuersService, ProgrammesService],
  exports: [IssuersService, ProgrammesService],
})
export class IssuersModule {}
