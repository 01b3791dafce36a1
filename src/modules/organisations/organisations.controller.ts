import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { OrganisationDto } from './organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('Practitioners and roles')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/organisations`)
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Roles('registrar')
  @ApiOkResponse({
    type: [OrganisationDto],
    description: 'Waiting for verification first, then the rest',
  })
  @ApiProblems(401, 403)
  async list(): Promise<OrganisationDto[]> {
    return (await this.organisations.list()).map((o) => OrganisationDto.from(o));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('registrar')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems(400, 401, 403, 404)
  async verify(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganisationDto> {
    return OrganisationDto.from(await this.organisations.verify(id, principal));
  }
}
