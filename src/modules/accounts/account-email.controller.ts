import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AccountEmailService } from './account-email.service.js';
import { PasswordResetDto, PasswordResetRequestDto, TokenDto } from './dto/account-email.dto.js';

@ApiTags('Accounts')
@Controller(API_PREFIX)
export class AccountEmailController {
  constructor(private readonly email: AccountEmailService) {}

  @Public()
  @Post('auth/email-confirmations')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Address confirmed; a waiting entry is now listed' })
  @ApiProblems(400)
  confirm(@Body() body: TokenDto): Promise<void> {
    return this.email.confirm(body.token);
  }

  @Post('auth/email-confirmations/resend')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiAcceptedResponse({ description: 'A new link is on its way (unless already confirmed)' })
  @ApiProblems(401)
  resend(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.email.resendConfirmation(principal.id);
  }

  @Public()
  @Post('auth/password-resets')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'The same answer whether or not the address is known; a link goes to a known one',
  })
  @ApiProblems(400)
  requestReset(@Body() body: PasswordResetRequestDto): Promise<void> {
    return this.email.requestReset(body.email);
  }

  @Public()
  @Post('auth/password-resets/complete')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every session is signed out' })
  @ApiProblems(400)
  completeReset(@Body() body: PasswordResetDto): Promise<void> {
    return this.email.completeReset(body.token, body.password);
  }
}
