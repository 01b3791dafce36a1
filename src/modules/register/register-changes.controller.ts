import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator.js';
import { RegisterChangesPageDto, RegisterChangesQueryDto } from './dto/register-changes.dto.js';
import { RegisterChangesService } from './register-changes.service.js';

@ApiTags('Open register data')
@Controller(`${API_PREFIX}/register/changes`)
export class RegisterChangesController {
  constructor(private readonly changes: RegisterChangesService) {}

  @Get()
  @Public()
  @RateLimit('search')
  @ApiOperation({
    summary: 'Public changes to the register, oldest first',
    description:
      'Built from the outbox: credentials issued, credential and register status changes of listed ' +
      'people, with public facts only. Poll with the `next` of the last page. Licensed under the Open ' +
      'Government Licence v3.0.',
  })
  @ApiOkResponse({ type: RegisterChangesPageDto })
  @ApiProblems(400)
  page(@Query() query: RegisterChangesQueryDto): Promise<RegisterChangesPageDto> {
    return this.changes.page(query.since, query.pageSize ?? 100);
  }
}
