import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { TrustModule } from '../trust/trust.module.js';
import { Issuer } from './issuer.entity.js';
import { IssuersController } from './issuers.controller.js';
import { IssuersService } from './issuers.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Issuer]), AuthModule, TrustModule],
  controllers: [IssuersController],
  providers: [IssuersService],
  exports: [IssuersService],
})
export class IssuersModule {}
