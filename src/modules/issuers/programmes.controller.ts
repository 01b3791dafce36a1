import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreateProgrammeDto, ProgrammeDto } from './dto/programme.dto.js';
import { ProgrammesService } from './programmes.service.js';

const Id = () => Param('id', new ParseUUIDPipe());

@ApiTags('Certifying bodies and credentials')
@Controller(`${API_PREFIX}/issuers/:id/programmes`)
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: [ProgrammeDto] })
  @ApiProblems(400, 404)
  async list(@Id() id: string): Promise<ProgrammeDto[]> {
    return (await this.programmes.list(id)).map((p) => ProgrammeDto.from(p));
  }

  @Post()
  @Roles('registrar', 'issuer')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ProgrammeDto })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(
    @Id() id: string,
    @Body() body: CreateProgrammeDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<ProgrammeDto> {
    return ProgrammeDto.from(await this.programmes.create(id, body, by));
  }
}
