import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AccountsService } from './accounts.service.js';
import {
  AddColleagueDto,
  ColleagueDto,
  OrganisationAccountDto,
} from './dto/organisation-account.dto.js';
import { OrganisationAccountsService } from './organisation-accounts.service.js';
import { MeDto, RegisteredDto } from './dto/me.dto.js';
import { RegisterDto } from './dto/register.dto.js';

@ApiTags('Accounts')
@Controller(API_PREFIX)
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly organisationAccounts: OrganisationAccountsService,
  ) {}

  @Public()
  @Post('auth/register')
  @ApiCreatedResponse({ type: RegisteredDto })
  @ApiProblems(400, 409)
  register(@Body() body: RegisterDto): Promise<RegisteredDto> {
    return this.accounts.register(body);
  }

  @Get('organisations/me')
  @Roles('employer')
  @ApiBearerAuth()
  @ApiOkResponse({ type: OrganisationAccountDto })
  @ApiProblems(401, 403, 404)
  organisation(@CurrentPrincipal() principal: Principal): Promise<OrganisationAccountDto> {
    return this.organisationAccounts.describe(principal);
  }

  @Post('organisations/me/colleagues')
  @Roles('employer')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ColleagueDto })
  @ApiProblems(400, 401, 403, 409)
  addColleague(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AddColleagueDto,
  ): Promise<ColleagueDto> {
    return this.organisationAccounts.addColleague(principal, body.email);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return this.accounts.describe(principal);
  }
}
