import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { ValidationError } from '../../common/errors/app-error.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ClaimCorrectionsService } from './claim-corrections.service.js';
import { ClaimsService } from './claims.service.js';
import { ALLOWED_TYPES } from './evidence-storage.js';
import {
  ClaimDto,
  ClaimQueryDto,
  ConfirmClaimDto,
  CorrectClaimDto,
  DeclareClaimDto,
  DocumentCheckDto,
  EvidenceDto,
  RejectClaimDto,
} from './dto/claim.dto.js';

const Id = () => Param('id', new ParseUUIDPipe());

@ApiTags('Claims')
@ApiBearerAuth()
@Controller(API_PREFIX)
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly corrections: ClaimCorrectionsService,
  ) {}

  @Post('practitioners/me/claims')
  @Roles('practitioner')
  @ApiCreatedResponse({ type: ClaimDto })
  @ApiProblems(400, 401, 403)
  async declare(
    @CurrentPrincipal() by: Principal,
    @Body() body: DeclareClaimDto,
  ): Promise<ClaimDto> {
    return ClaimDto.from(await this.claims.declare(by, body), []);
  }

  @Get('practitioners/me/claims')
  @Roles('practitioner')
  @ApiOkResponse({ type: [ClaimDto] })
  @ApiProblems(401, 403)
  async mine(@CurrentPrincipal() by: Principal): Promise<ClaimDto[]> {
    const claims = await this.claims.listForPractitioner(by.practitionerId ?? '');
    const evidence = await this.claims.evidenceFor(claims.map((c) => c.id));
    return claims.map((c) =>
      ClaimDto.from(
        c,
        evidence.filter((e) => e.claimId === c.id),
      ),
    );
  }

  @Patch('practitioners/me/claims/:id')
  @Roles('practitioner')
  @ApiOperation({
    summary: 'Correct a claim you declared',
    description:
      'A pending claim is changed in place and its correctedAt set (200). A rejected claim is left as ' +
      'the body decided it and resubmitted as a new pending claim with the corrections, naming it in ' +
      'correctsClaimId and keeping its evidence (201; once per rejected claim). Confirmed and ' +
      'withdrawn claims cannot be corrected (409).',
  })
  @ApiOkResponse({ type: ClaimDto, description: 'The pending claim, corrected' })
  @ApiCreatedResponse({ type: ClaimDto, description: 'The new claim resubmitting a rejected one' })
  @ApiProblems(400, 401, 403, 404, 409)
  async correct(
    @CurrentPrincipal() by: Principal,
    @Id() id: string,
    @Body() body: CorrectClaimDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimDto> {
    const { claim, resubmitted } = await this.corrections.correct(by, id, body);
    if (resubmitted) void reply.status(201);
    const evidence = await this.claims.evidenceFor([claim.id]);
    return ClaimDto.from(claim, evidence);
  }

  @Delete('practitioners/me/claims/:id')
  @HttpCode(204)
  @Roles('practitioner')
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiProblems(401, 403, 404, 409)
  withdraw(@CurrentPrincipal() by: Principal, @Id() id: string): Promise<void> {
    return this.claims.withdraw(by, id);
  }

  @Post('practitioners/me/claims/:id/evidence')
  @Roles('practitioner')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  @ApiCreatedResponse({ type: EvidenceDto })
  @ApiProblems(400, 401, 403, 404, 413, 415)
  async attach(
    @CurrentPrincipal() by: Principal,
    @Id() id: string,
    @Req() request: FastifyRequest,
  ): Promise<EvidenceDto> {
    if (!request.isMultipart()) {
      throw new ValidationError(
        'EVIDENCE.FILE_REQUIRED',
        'Send the file as multipart/form-data in a field named "file".',
        [{ field: 'file', message: 'required' }],
      );
    }
    const part = await request.file();
    if (!part)
      throw new ValidationError(
        'EVIDENCE.FILE_REQUIRED',
        'Send the file in a field named "file".',
        [{ field: 'file', message: 'required' }],
      );
    return EvidenceDto.from(await this.claims.attachEvidence(by, id, part.filename, part.file));
  }

  @Get('issuers/me/claims')
  @Roles('issuer')
  @ApiSecurity('api-key')
  @ApiOkResponse({ type: [ClaimDto], description: 'Claims that name this certifying body' })
  @ApiProblems(400, 401, 403)
  async forIssuer(
    @CurrentPrincipal() by: Principal,
    @Query() query: ClaimQueryDto,
  ): Promise<ClaimDto[]> {
    const rows = await this.claims.forIssuer(by, query.status);
    const evidence = await this.claims.evidenceFor(rows.map((r) => r.claim.id));
    return rows.map(({ claim, claimant }) => ({
      ...ClaimDto.from(
        claim,
        evidence.filter((e) => e.claimId === claim.id),
      ),
      claimant,
    }));
  }

  @Post('claims/:id/confirm')
  @HttpCode(200)
  @Roles('issuer')
  @ApiSecurity('api-key')
  @ApiOkResponse({ type: ClaimDto })
  @ApiProblems(400, 401, 403, 404, 409)
  async confirm(
    @CurrentPrincipal() by: Principal,
    @Id() id: string,
    @Body() body: ConfirmClaimDto,
  ): Promise<ClaimDto> {
    return ClaimDto.from(await this.claims.confirm(by, id, body.corrections));
  }

  @Post('claims/:id/reject')
  @HttpCode(200)
  @Roles('issuer')
  @ApiSecurity('api-key')
  @ApiOkResponse({ type: ClaimDto })
  @ApiProblems(400, 401, 403, 404, 409)
  async reject(
    @CurrentPrincipal() by: Principal,
    @Id() id: string,
    @Body() body: RejectClaimDto,
  ): Promise<ClaimDto> {
    return ClaimDto.from(await this.claims.reject(by, id, body.reason));
  }

  @Post('claims/:id/document-check')
  @HttpCode(200)
  @Roles('registrar')
  @ApiOkResponse({ type: ClaimDto })
  @ApiProblems(400, 401, 403, 404)
  async documentCheck(
    @CurrentPrincipal() by: Principal,
    @Id() id: string,
    @Body() body: DocumentCheckDto,
  ): Promise<ClaimDto> {
    return ClaimDto.from(await this.claims.documentCheck(by, id, body));
  }

  @Get('evidence/:id')
  @Roles('practitioner', 'issuer', 'registrar')
  @ApiSecurity('api-key')
  @ApiProduces(...ALLOWED_TYPES.keys())
  @ApiOkResponse({ description: 'The file, as an attachment' })
  @ApiProblems(401, 403, 404)
  async evidence(
    @CurrentPrincipal() by: Principal,
    @Id() id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { evidence, stream } = await this.claims.openEvidence(by, id);
    const extension = ALLOWED_TYPES.get(evidence.mediaType) ?? 'bin';
    await reply
      .header('content-type', evidence.mediaType)
      .header('content-disposition', `attachment; filename="evidence-${evidence.id}.${extension}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-sha256', evidence.sha256)
      .send(stream);
  }
}
