import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CredentialVerifierService } from './credential-verifier.service.js';
import {
  RotateKeyDto,
  RotatedKeyDto,
  VerificationResultDto,
  VerifyCredentialDto,
} from './dto/trust.dto.js';
import { KeyRotationService } from './key-rotation.service.js';

@ApiTags('Trust')
@Controller(API_PREFIX)
export class TrustController {
  constructor(
    private readonly rotation: KeyRotationService,
    private readonly verifier: CredentialVerifierService,
  ) {}

  @Post('trust/keys/rotate')
  @HttpCode(200)
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiOkResponse({ type: RotatedKeyDto, description: 'The new key; the old one stays published' })
  @ApiProblems(400, 401, 403, 404)
  rotate(
    @Body() body: RotateKeyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RotatedKeyDto> {
    return this.rotation.rotate(body.owner, principal);
  }

  @Post('vc/verify')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    type: VerificationResultDto,
    description: 'Per-check results, also when the credential fails',
  })
  @ApiProblems(400)
  verify(@Body() body: VerifyCredentialDto): Promise<VerificationResultDto> {
    return this.verifier.verify(body.credential);
  }
}
