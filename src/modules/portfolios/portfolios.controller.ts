import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import {
  AssessmentDto,
  CreatePortfolioDto,
  PortfolioDto,
  PortfolioPageDto,
  PortfolioQueryDto,
  RefereeAnswerDto,
  RefereeAnsweredDto,
} from './dto/portfolio.dto.js';
import { PortfoliosService } from './portfolios.service.js';

const Id = () => Param('id', new ParseUUIDPipe());

@ApiTags('Role standards and routes')
@Controller(API_PREFIX)
export class PortfoliosController {
  constructor(private readonly portfolios: PortfoliosService) {}

  @Post('practitioners/me/portfolios')
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: PortfolioDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentPrincipal() by: Principal,
    @Body() body: CreatePortfolioDto,
  ): Promise<PortfolioDto> {
    return this.portfolios.create(by, body);
  }

  @Get('practitioners/me/portfolios/:id')
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiOkResponse({ type: PortfolioDto })
  @ApiProblems(400, 401, 403, 404)
  mine(@Id() id: string, @CurrentPrincipal() by: Principal): Promise<PortfolioDto> {
    return this.portfolios.get(id, by);
  }

  @Post('practitioners/me/portfolios/:id/submit')
  @HttpCode(200)
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiOkResponse({ type: PortfolioDto, description: 'Submitted; each referee is mailed a link' })
  @ApiProblems(400, 401, 403, 404, 409)
  submit(@Id() id: string, @CurrentPrincipal() by: Principal): Promise<PortfolioDto> {
    return this.portfolios.submit(id, by);
  }

  @Get('portfolios')
  @Roles('issuer', 'registrar')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: PortfolioPageDto,
    description: 'Portfolios this body was asked to assess',
  })
  @ApiProblems(400, 401, 403)
  list(
    @CurrentPrincipal() by: Principal,
    @Query() query: PortfolioQueryDto,
  ): Promise<PortfolioPageDto> {
    return this.portfolios.list(by, query);
  }

  @Get('portfolios/:id')
  @Roles('issuer', 'registrar')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: PortfolioDto,
    description: 'For the assessing body: with the referees\u2019 answers',
  })
  @ApiProblems(400, 401, 403, 404)
  get(@Id() id: string, @CurrentPrincipal() by: Principal): Promise<PortfolioDto> {
    return this.portfolios.get(id, by);
  }

  @Post('portfolios/:id/assessments')
  @Roles('issuer')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: PortfolioDto })
  @ApiProblems(400, 401, 403, 404, 409)
  assess(
    @Id() id: string,
    @CurrentPrincipal() by: Principal,
    @Body() body: AssessmentDto,
  ): Promise<PortfolioDto> {
    return this.portfolios.assess(id, by, body);
  }

  @Public()
  @Post('referee-answers')
  @ApiCreatedResponse({ type: RefereeAnsweredDto })
  @ApiProblems(400, 404)
  answer(@Body() body: RefereeAnswerDto): Promise<RefereeAnsweredDto> {
    return this.portfolios.answer(body);
  }
}
