import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsDateString, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { negotiateVcForm } from '../trust/content-negotiation.js';
import { RegisterExtractService } from './register-extract.service.js';

class ExtractQueryDto {
  @ApiPropertyOptional({ example: '2025-04-01', description: 'Default today' })
  @IsOptional()
  @IsDateString({ strict: true })
  on?: string;
}

@ApiTags('Trust')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/practitioners/me/extract`)
export class RegisterExtractController {
  constructor(private readonly extracts: RegisterExtractService) {}

  @Get()
  @Roles('practitioner')
  @ApiHeader({
    name: 'Accept',
    required: false,
    description: 'application/vc+jwt, or application/ld+json (default)',
  })
  @ApiOkResponse({
    description: 'Register status and standing per role, signed by the registry as a VC',
  })
  @ApiProblems(400, 401, 403, 406)
  async extract(
    @CurrentPrincipal() by: Principal,
    @Query() query: ExtractQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { form, contentType } = negotiateVcForm(accept);
    const signed = await this.extracts.signedExtract(by.practitionerId ?? '', query.on);
    void reply.header('Cache-Control', 'private, no-store').type(contentType);
    return form === 'jwt' ? signed.jwt : JSON.stringify(signed.dataIntegrity);
  }
}
