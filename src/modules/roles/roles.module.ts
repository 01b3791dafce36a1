import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Competence } from './competence.entity.js';
import { RoleStandard } from './role-standard.entity.js';
import { RoleStandardsController } from './role-standards.controller.js';
import { RoleStandardsService } from './role-standards.service.js';
import { Role } from './role.entity.js';
import { RolesController } from './roles.controller.js';
import { RolesService } from './roles.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Role, RoleStandard, Competence])],
  controllers: [RolesController, RoleStandardsController],
  providers: [RolesService, RoleStandardsService],
  exports: [RolesService, RoleStandardsService],
})
export class RolesModule {}
