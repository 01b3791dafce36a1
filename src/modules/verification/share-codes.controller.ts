import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator.js';
import type { Principal } from '../auth/principal.js';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import {
  CheckPageDto,
  CreateShareCodeDto,
  CreatedShareCodeDto,
  FullRecordDto,
  RedeemShareCodeDto,
  RotatedShareCodeKeyDto,
  ShareCodePageDto,
} from './dto/share-code.dto.js';
import { PractitionerChecksService } from './practitioner-checks.service.js';
import { ShareCodeKeys } from './share-code-keys.service.js';
import { ShareCodesService } from './share-codes.service.js';

@ApiTags('The public register and verification')
@Controller(`${API_PREFIX}/share-codes`)
export class ShareCodesController {
  constructor(
    private readonly shareCodes: ShareCodesService,
    private readonly keys: ShareCodeKeys,
  ) {}

  @Post('keys/rotate')
  @HttpCode(200)
  @Roles('registrar')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: RotatedShareCodeKeyDto,
    description: 'New codes are hashed with the new key; codes made before still work',
  })
  @ApiProblems(401, 403)
  rotateKey(@CurrentPrincipal() principal: Principal): Promise<RotatedShareCodeKeyDto> {
    return this.keys.rotate(principal);
  }

  @Post()
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: CreatedShareCodeDto })
  @ApiProblems(400, 401, 403)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateShareCodeDto,
  ): Promise<CreatedShareCodeDto> {
    return this.shareCodes.create(principal, body);
  }

  @Get()
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ShareCodePageDto })
  @ApiProblems(400, 401, 403)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<ShareCodePageDto> {
    return this.shareCodes.list(principal, query.page ?? 1, query.pageSize ?? 20);
  }

  @Post('redeem')
  @HttpCode(200)
  @Public()
  @RateLimit('redeem')
  @ApiOkResponse({
    type: FullRecordDto,
    description: 'The full record; evidence files are never included',
  })
  @ApiProblems(400, 404)
  redeem(
    @Body() body: RedeemShareCodeDto,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<FullRecordDto> {
    return this.shareCodes.redeem(body.code, body.dateOfBirth, principal);
  }

  @Delete(':code')
  @HttpCode(204)
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Cancelled (by the code, or by the id from the list)' })
  @ApiProblems(401, 403, 404)
  cancel(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<void> {
    return this.shareCodes.cancel(principal, code);
  }
}

@ApiTags('The public register and verification')
@Controller(`${API_PREFIX}/practitioners/me/checks`)
export class PractitionerChecksController {
  constructor(private readonly checks: PractitionerChecksService) {}

  @Get()
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: CheckPageDto,
    description: 'Claim checks, share-code uses and employer lookups, newest first',
  })
  @ApiProblems(400, 401, 403)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<CheckPageDto> {
    return this.checks.list(principal.practitionerId ?? '', query.page ?? 1, query.pageSize ?? 20);
  }
}
