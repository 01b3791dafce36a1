import { Controller, Headers, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  getSchemaPath,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { BulkStatusService } from './bulk-status.service.js';
import { IdempotencyKeyMissingError } from './credential.errors.js';
import {
  BulkStatusQueryDto,
  BulkStatusRowDto,
  BulkStatusSummaryLineDto,
} from './dto/bulk-status.dto.js';

@ApiTags('Certifying bodies and credentials')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiExtraModels(BulkStatusRowDto, BulkStatusSummaryLineDto)
@Controller(`${API_PREFIX}/credentials`)
export class BulkStatusController {
  constructor(private readonly bulkStatus: BulkStatusService) {}

  @Post('bulk-status')
  @Roles('issuer')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A resend with the same key changes nothing twice and reports the same outcomes',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description:
      'CSV with a header row (credentialId or issuerReference) or a JSON array of objects with one of them. ' +
      'Only the calling body’s own credentials are touched; any other is reported as not found.',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          credentialId: { type: 'string', format: 'uuid' },
          issuerReference: { type: 'string' },
        },
      },
    },
  })
  @ApiOkResponse({
    description:
      'Streamed NDJSON (application/x-ndjson): one BulkStatusRowDto per row, in order, then one ' +
      'BulkStatusSummaryLineDto line last',
    content: {
      'application/x-ndjson': {
        schema: {
          oneOf: [
            { $ref: getSchemaPath(BulkStatusRowDto) },
            { $ref: getSchemaPath(BulkStatusSummaryLineDto) },
          ],
        },
      },
    },
  })
  @ApiProblems(400, 401, 403, 415, 422)
  async change(
    @Query() query: BulkStatusQueryDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() by: Principal,
  ): Promise<void> {
    if (!key || key.length > 200) throw new IdempotencyKeyMissingError();
    const report = await this.bulkStatus.start(
      by,
      key,
      query.action,
      query.reason,
      request.headers['content-type'] ?? '',
      request.body,
    );
    await reply.status(200).type('application/x-ndjson; charset=utf-8').send(report);
  }
}
