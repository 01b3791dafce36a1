import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import {
  CompetenceDto,
  CreateStandardVersionDto,
  RoleStandardDto,
  StandardQueryDto,
} from './dto/standard.dto.js';
import { RoleStandardsService } from './role-standards.service.js';
import { standardView } from './standard-view.js';

const today = () => new Date().toISOString().slice(0, 10);

@ApiTags('Role standards and routes')
@Controller(API_PREFIX)
export class RoleStandardsController {
  constructor(private readonly standards: RoleStandardsService) {}

  @Public()
  @Get('roles/:code/standard')
  @ApiOkResponse({ type: RoleStandardDto })
  @ApiProblems(400, 404)
  async standard(
    @Param('code') code: string,
    @Query() query: StandardQueryDto,
  ): Promise<RoleStandardDto> {
    const on = query.on ?? today();
    const [{ role, current, versions }, competences] = await Promise.all([
      this.standards.standardOn(code, on),
      this.standards.listCompetences(),
    ]);
    return standardView(role, current, versions, competences, on);
  }

  @Post('roles/:code/standard/versions')
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: RoleStandardDto })
  @ApiProblems(400, 401, 403, 404, 409)
  async addVersion(
    @Param('code') code: string,
    @Body() body: CreateStandardVersionDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<RoleStandardDto> {
    const saved = await this.standards.addVersion(code, body, today(), by);
    return this.standard(code, { on: saved.effectiveFrom });
  }

  @Public()
  @Get('competences')
  @ApiOkResponse({ type: [CompetenceDto] })
  async competences(): Promise<CompetenceDto[]> {
    return (await this.standards.listCompetences()).map((c) => ({
      code: c.code,
      name: c.name,
      description: c.description,
      framework: c.framework,
      frameworkVersion: c.frameworkVersion,
      sourceUrl: c.sourceUrl,
      licence: c.licence,
    }));
  }
}
