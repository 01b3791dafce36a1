import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreateVerificationDto, ReceiptDto, ClaimCheckResultDto } from './dto/verification.dto.js';
import { VerificationsService } from './verifications.service.js';

@ApiTags('The public register and verification')
@Controller(`${API_PREFIX}/verifications`)
export class VerificationsController {
  constructor(private readonly verifications: VerificationsService) {}

  @Post()
  @Public()
  @RateLimit('check')
  @ApiCreatedResponse({
    type: ClaimCheckResultDto,
    description: 'The answer, field by field, with a receipt reference',
  })
  @ApiProblems(400)
  check(
    @Body() body: CreateVerificationDto,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<ClaimCheckResultDto> {
    return this.verifications.check(body, principal);
  }

  @Get(':reference')
  @Public()
  @RateLimit('search')
  @ApiOkResponse({ type: ReceiptDto })
  @ApiProblems(404)
  receipt(@Param('reference') reference: string): Promise<ReceiptDto> {
    return this.verifications.receipt(reference);
  }
}
