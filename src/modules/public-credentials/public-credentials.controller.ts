import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, Roles } from '../../common/decorators/auth.decorators.js';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator.js';
import type { Principal } from '../auth/principal.js';
import {
  OwnCredentialDto,
  OwnCredentialPageDto,
  PublicCredentialDto,
  PublicPageSettingDto,
} from './dto/public-credential.dto.js';
import { PublicCredentialsService } from './public-credentials.service.js';

@ApiTags('Sharing')
@Controller(API_PREFIX)
export class PublicCredentialsController {
  constructor(private readonly publicCredentials: PublicCredentialsService) {}

  @Get('credentials/:id/public')
  @Public()
  @RateLimit('search')
  @ApiOperation({
    summary: 'A credential’s public verification page, as JSON',
    description:
      'Only when its holder switched the page on; otherwise the same 404 as an unknown id. Signs the ' +
      'credential afresh and checks it live (signature, issuer, dates, status lists).',
  })
  @ApiOkResponse({ type: PublicCredentialDto })
  @ApiProblems(400, 404)
  async publicPage(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicCredentialDto> {
    void reply.header('Cache-Control', 'no-cache');
    return this.publicCredentials.page(id);
  }

  @Put('credentials/:id/public-page')
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Switch a credential’s public verification page on or off (its holder only)',
  })
  @ApiOkResponse({ type: OwnCredentialDto })
  @ApiProblems(400, 401, 403, 404)
  setPublicPage(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: PublicPageSettingDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<OwnCredentialDto> {
    return this.publicCredentials.setPublicPage(by, id, body.enabled);
  }

  @Get('practitioners/me/credentials')
  @Roles('practitioner')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your own credentials, with whether each has a public page' })
  @ApiOkResponse({ type: OwnCredentialPageDto })
  @ApiProblems(400, 401, 403)
  listOwn(
    @Query() query: PageQueryDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<OwnCredentialPageDto> {
    return this.publicCredentials.listOwn(by, query.page ?? 1, query.pageSize ?? 20);
  }
}
