import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
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
  ApiHeader,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { BulkIssueService } from './bulk-issue.service.js';
import { IdempotencyKeyMissingError } from './credential.errors.js';
import { CredentialDto, CredentialPageDto, CredentialQueryDto } from './dto/credential.dto.js';
import { BulkReportDto } from './dto/bulk-report.dto.js';
import { IssueCredentialDto, ReasonDto, RenewDto } from './dto/issue-credential.dto.js';
import { CredentialsService } from './credentials.service.js';

const Id = () => Param('id', new ParseUUIDPipe());

@ApiTags('Certifying bodies and credentials')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller(`${API_PREFIX}/credentials`)
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly bulk: BulkIssueService,
  ) {}

  @Post()
  @Roles('issuer')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Same key and body: the same answer, once',
  })
  @ApiCreatedResponse({ type: CredentialDto })
  @ApiProblems(400, 401, 403, 409, 422)
  async issue(
    @Body() body: IssueCredentialDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() by: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialDto> {
    if (!key || key.length > 200) throw new IdempotencyKeyMissingError();
    const result = await this.credentials.issue(by, body, key);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.status(result.status);
    return result.body;
  }

  @Post('bulk')
  @Roles('issuer')
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description:
      'CSV with a header row, or a JSON array of objects, each with the fields of a single issue plus a required ' +
      'issuerReference (it makes the whole file safe to resend). Streamed: 100,000 rows in one request are fine.',
    schema: { type: 'array', items: { $ref: '#/components/schemas/IssueCredentialDto' } },
  })
  @ApiOkResponse({ type: BulkReportDto, description: 'Streamed per-row report' })
  @ApiProblems(400, 401, 403, 415)
  async issueBulk(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() by: Principal,
  ): Promise<void> {
    const report = await this.bulk.start(by, request.headers['content-type'] ?? '', request.body);
    await reply.status(200).type('application/json; charset=utf-8').send(report);
  }

  @Get()
  @Roles('issuer', 'registrar')
  @ApiOkResponse({ type: CredentialPageDto })
  @ApiProblems(400, 401, 403)
  search(
    @Query() query: CredentialQueryDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<CredentialPageDto> {
    return this.credentials.search(by, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: CredentialDto })
  @ApiProblems(400, 401, 404)
  get(@Id() id: string, @CurrentPrincipal() by: Principal): Promise<CredentialDto> {
    return this.credentials.getVisible(id, by);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('issuer', 'registrar')
  @ApiOkResponse({ type: CredentialDto })
  @ApiProblems(400, 401, 403, 404, 409)
  revoke(
    @Id() id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<CredentialDto> {
    return this.credentials.changeStatus(id, 'revoke', by, body);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('issuer', 'registrar')
  @ApiOkResponse({ type: CredentialDto })
  @ApiProblems(400, 401, 403, 404, 409)
  suspend(
    @Id() id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<CredentialDto> {
    return this.credentials.changeStatus(id, 'suspend', by, body);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('issuer', 'registrar')
  @ApiOkResponse({ type: CredentialDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reinstate(
    @Id() id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<CredentialDto> {
    return this.credentials.changeStatus(id, 'reinstate', by, body);
  }

  @Post(':id/renew')
  @HttpCode(200)
  @Roles('issuer', 'registrar')
  @ApiOkResponse({ type: CredentialDto })
  @ApiProblems(400, 401, 403, 404, 409)
  renew(
    @Id() id: string,
    @Body() body: RenewDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<CredentialDto> {
    return this.credentials.changeStatus(id, 'renew', by, body);
  }
}
