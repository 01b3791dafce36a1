import { Controller, Get, Headers, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { negotiateVcForm } from './content-negotiation.js';
import { CredentialVcService } from './credential-vc.service.js';

@ApiTags('Trust')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/credentials`)
export class CredentialVcController {
  constructor(private readonly vcs: CredentialVcService) {}

  @Get(':id/vc')
  @ApiHeader({
    name: 'Accept',
    required: false,
    description:
      'application/vc+jwt for a VC-JWT; application/vc or application/ld+json (default) for Data Integrity JSON-LD',
  })
  @ApiProduces('application/ld+json', 'application/vc', 'application/vc+jwt')
  @ApiOkResponse({ description: 'The credential as a signed Open Badges 3.0 OpenBadgeCredential' })
  @ApiProblems(400, 401, 404, 406)
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { form, contentType } = negotiateVcForm(accept);
    const document = await this.vcs.signed(id, principal, form);
    void reply
      .header('Cache-Control', 'private, no-cache')
      .header('Vary', 'Accept')
      .type(contentType);
    return typeof document === 'string' ? document : JSON.stringify(document);
  }
}
