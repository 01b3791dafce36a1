import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreateRoleDto, RoleDto, UpdateRoleDto } from './dto/role.dto.js';
import { RolesService } from './roles.service.js';

@ApiTags('Practitioners and roles')
@Controller(`${API_PREFIX}/roles`)
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: [RoleDto] })
  async list(): Promise<RoleDto[]> {
    return (await this.roles.list()).map((r) => RoleDto.from(r));
  }

  @Post()
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: RoleDto })
  @ApiProblems(400, 401, 403, 409)
  async create(@Body() body: CreateRoleDto, @CurrentPrincipal() by: Principal): Promise<RoleDto> {
    return RoleDto.from(await this.roles.create(body, by));
  }

  @Patch(':code')
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiOkResponse({ type: RoleDto })
  @ApiProblems(400, 401, 403, 404)
  async update(
    @Param('code') code: string,
    @Body() body: UpdateRoleDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<RoleDto> {
    return RoleDto.from(await this.roles.update(code, body, by));
  }
}
