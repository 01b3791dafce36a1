import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { PublicCache, REVOCABLE } from '../../common/http-cache/public-cache.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RegisterEntryDto } from './dto/register-entry.dto.js';
import { RegisterSearchPageDto, RegisterSearchQueryDto } from './dto/register-search.dto.js';
import { RegisterService } from './register.service.js';

@ApiTags('The public register and verification')
@Controller(`${API_PREFIX}/register`)
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  @Get()
  @Public()
  @PublicCache(REVOCABLE)
  @RateLimit('search')
  @ApiOkResponse({
    type: RegisterSearchPageDto,
    description: 'Listed practitioners only, best match first',
  })
  @ApiProblems(400)
  search(@Query() query: RegisterSearchQueryDto): Promise<RegisterSearchPageDto> {
    return this.register.search(query);
  }

  @Get(':registerNumber')
  @Public()
  // Shared only when nobody is signed in: an employer's read is recorded, so it is private, no-store.
  @PublicCache(REVOCABLE)
  @RateLimit('search')
  @ApiQuery({
    name: 'at',
    required: false,
    example: '2025-01-31',
    description: 'As the register stood at the end of that day; not in the future',
  })
  @ApiOkResponse({ type: RegisterEntryDto })
  @ApiProblems(400, 404)
  async entry(
    @Param('registerNumber') registerNumber: string,
    @Query('at') at: string | undefined,
    @CurrentPrincipal() principal: Principal | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // A RegisterEntryDto, already as JSON text: the stored entry is sent without a parse and
    // stringify per request.
    const json = await this.register.entry(registerNumber, at, principal);
    void reply.type('application/json; charset=utf-8');
    return json;
  }
}
