import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AccountsService } from './accounts.service.js';
import { MeDto, RegisteredDto } from './dto/me.dto.js';
import { RegisterDto } from './dto/register.dto.js';

@ApiTags('Accounts')
@Controller(API_PREFIX)
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Public()
  @Post('auth/register')
  @ApiCreatedResponse({ type: RegisteredDto })
  @ApiProblems(400, 409)
  register(@Body() body: RegisterDto): Promise<RegisteredDto> {
    return this.accounts.register(body);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return this.accounts.describe(principal);
  }
}
