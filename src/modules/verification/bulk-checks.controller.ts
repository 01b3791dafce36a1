import { Controller, Headers, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentPrincipal, Public } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { ValidationError } from '../../common/errors/app-error.js';
import type { Principal } from '../auth/principal.js';
import { asCsv, asNdjson } from './bulk-check-report.js';
import { BulkChecksService, MAX_BULK_CHECK_ROWS } from './bulk-checks.service.js';

@ApiTags('The public register and verification')
@Controller(`${API_PREFIX}/verifications/bulk`)
export class BulkChecksController {
  constructor(private readonly bulk: BulkChecksService) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: `Check up to ${MAX_BULK_CHECK_ROWS} claims in one streamed request`,
    description:
      'Each row is checked as POST /api/v1/verifications checks one, with its own signed receipt, and ' +
      'counts once against the same rate limit (rows past the limit are reported, not checked). ' +
      'With an Idempotency-Key a resend repeats the answers already given and checks only the rest.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description:
      'CSV with a header row (registerNumber or registrationBody + registrationNumber; kind, title, awardingBody, ' +
      'subject, level, result, awardedYear), or a JSON array of {registerNumber | registration: {body, number}, claim: {...}}',
    schema: { type: 'array', items: { type: 'object' } },
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({
    description:
      'Streamed, one line per row in order: {row, registerNumber, outcome, fields, reference, receiptUrl} or ' +
      '{row, code, errors}; the last line is {summary}. With Accept: text/csv the same as CSV.',
  })
  @ApiProblems(400, 415)
  async check(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() by: Principal | null,
  ): Promise<void> {
    if (key !== undefined && (key === '' || key.length > 200)) {
      throw new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        'Idempotency-Key must be 1 to 200 characters.',
        [{ field: 'Idempotency-Key', message: '1 to 200 characters' }],
      );
    }
    const lines = await this.bulk.start(
      by,
      request.ip,
      key ?? null,
      request.headers['content-type'] ?? '',
      request.body,
    );
    const csv = (request.headers.accept ?? '').includes('text/csv');
    await reply
      .status(200)
      .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .send(Readable.from(csv ? asCsv(lines) : asNdjson(lines), { objectMode: false }));
  }
}
