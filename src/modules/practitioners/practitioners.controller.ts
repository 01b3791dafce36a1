import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { PractitionerProfileDto } from './dto/practitioner-profile.dto.js';
import { ChangeRegisterStatusDto, UpdatePractitionerDto } from './dto/update-practitioner.dto.js';
import { PractitionersService } from './practitioners.service.js';
import { requireRegisterNumber } from './register-number.parse.js';

@ApiTags('Practitioners and roles')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/practitioners`)
export class PractitionersController {
  constructor(private readonly practitioners: PractitionersService) {}

  @Get('me')
  @Roles('practitioner')
  @ApiOkResponse({ type: PractitionerProfileDto })
  @ApiProblems(401, 403)
  async me(@CurrentPrincipal() principal: Principal): Promise<PractitionerProfileDto> {
    return PractitionerProfileDto.from(
      await this.practitioners.getById(principal.practitionerId ?? ''),
    );
  }

  @Patch('me')
  @Roles('practitioner')
  @ApiOkResponse({ type: PractitionerProfileDto })
  @ApiProblems(400, 401, 403, 409)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdatePractitionerDto,
  ): Promise<PractitionerProfileDto> {
    return PractitionerProfileDto.from(
      await this.practitioners.updateOwn(principal.practitionerId ?? '', body, principal),
    );
  }

  @Get(':registerNumber')
  @Roles('registrar')
  @ApiOkResponse({ type: PractitionerProfileDto })
  @ApiProblems(400, 401, 403, 404)
  async get(@Param('registerNumber') registerNumber: string): Promise<PractitionerProfileDto> {
    return PractitionerProfileDto.from(
      await this.practitioners.getByRegisterNumber(requireRegisterNumber(registerNumber)),
    );
  }

  @Post(':registerNumber/status')
  @HttpCode(200)
  @Roles('registrar')
  @ApiOkResponse({ type: PractitionerProfileDto })
  @ApiProblems(400, 401, 403, 404, 409)
  async changeStatus(
    @Param('registerNumber') registerNumber: string,
    @Body() body: ChangeRegisterStatusDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PractitionerProfileDto> {
    return PractitionerProfileDto.from(
      await this.practitioners.changeStatus(requireRegisterNumber(registerNumber), body, principal),
    );
  }
}
