import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { DisputeDto, DisputeQueryDto, RaiseDisputeDto, ResolveDisputeDto } from './dispute.dto.js';
import { DisputesService } from './disputes.service.js';

@ApiTags('Practitioners and roles')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/disputes`)
export class DisputesController {
  constructor(private readonly disputes: DisputesService) {}

  @Post()
  @Roles('practitioner', 'employer')
  @ApiCreatedResponse({ type: DisputeDto })
  @ApiProblems(400, 401, 403, 404)
  raise(@Body() body: RaiseDisputeDto, @CurrentPrincipal() by: Principal): Promise<DisputeDto> {
    return this.disputes.raise(body, by);
  }

  @Get()
  @Roles('registrar', 'practitioner', 'employer')
  @ApiOkResponse({ type: [DisputeDto] })
  @ApiProblems(400, 401, 403)
  list(@Query() query: DisputeQueryDto, @CurrentPrincipal() by: Principal): Promise<DisputeDto[]> {
    return this.disputes.list(by, query.status);
  }

  @Get(':id')
  @Roles('registrar', 'practitioner', 'employer')
  @ApiOkResponse({ type: DisputeDto })
  @ApiProblems(400, 401, 403, 404)
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() by: Principal,
  ): Promise<DisputeDto> {
    return this.disputes.get(id, by);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('registrar')
  @ApiOkResponse({ type: DisputeDto })
  @ApiProblems(400, 401, 403, 404, 409)
  resolve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResolveDisputeDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<DisputeDto> {
    return this.disputes.resolve(id, body, by);
  }
}
