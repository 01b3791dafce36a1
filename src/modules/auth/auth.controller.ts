import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public } from '../../common/decorators/auth.decorators.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { InvalidCredentialsError } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginDto, TokenResponseDto } from './dto/login.dto.js';
import type { Principal } from './principal.js';

@ApiTags('Accounts')
@Controller(API_PREFIX)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<TokenResponseDto> {
    return this.auth.login(body, request.ip);
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(401)
  refresh(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<TokenResponseDto> {
    if (principal.kind !== 'user') throw new InvalidCredentialsError();
    const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    return this.auth.refresh(principal, token);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Signed out: this token and every older one stop working' })
  @ApiProblems(401)
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.logout(principal);
  }

  @Post('auth/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiProblems(400, 401)
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    return this.auth.changePassword(principal, body.currentPassword, body.newPassword);
  }
}
