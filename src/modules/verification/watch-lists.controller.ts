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
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import {
  CreateWatchListDto,
  CreatedWatchListDto,
  FeedQueryDto,
  UpdateWatchListDto,
  WatchListDto,
  WatchEventPageDto,
  WatchListPageDto,
} from './dto/watch-list.dto.js';
import { WatchListsService } from './watch-lists.service.js';

@ApiTags('The public register and verification')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/watch-lists`)
export class WatchListsController {
  constructor(private readonly watchLists: WatchListsService) {}

  @Post()
  @Roles('employer')
  @ApiOperation({
    summary: 'Watch a practitioner whose share code your verified organisation redeemed',
    description:
      'Changes of register status, role standing and credential status are POSTed to webhookUrl as JSON ' +
      '`{id, type, occurredAt, registerNumber, purpose, data}` with headers X-Registry-Event-Id (stable: deduplicate on it), ' +
      'X-Registry-Event-Type and X-Registry-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`. ' +
      'Delivered at least once; a non-2xx answer is retried after 10 s, 30 s, 90 s … up to 10 attempts.',
  })
  @ApiCreatedResponse({ type: CreatedWatchListDto })
  @ApiProblems(400, 401, 403, 409)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateWatchListDto,
  ): Promise<CreatedWatchListDto> {
    return this.watchLists.create(principal, body);
  }

  @Get()
  @Roles('employer')
  @ApiOkResponse({ type: WatchListPageDto })
  @ApiProblems(400, 401, 403)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<WatchListPageDto> {
    return this.watchLists.list(principal, query.page ?? 1, query.pageSize ?? 20);
  }

  @Patch(':id')
  @Roles('employer')
  @ApiOperation({
    summary: 'Turn mail about changes on or off',
    description:
      'With emailNotices on, each change recorded for this watch-list is also mailed, once, to the ' +
      'colleague who set it up.',
  })
  @ApiOkResponse({ type: WatchListDto })
  @ApiProblems(400, 401, 403, 404)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateWatchListDto,
  ): Promise<WatchListDto> {
    return this.watchLists.setEmailNotices(principal, id, body.emailNotices);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('employer')
  @ApiNoContentResponse({ description: 'Stopped: no more events are recorded or delivered' })
  @ApiProblems(400, 401, 403, 404)
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.watchLists.cancel(principal, id);
  }

  @Get(':id/events')
  @Roles('employer')
  @ApiOperation({ summary: 'Pull feed of the same events the webhook receives, oldest first' })
  @ApiOkResponse({ type: WatchEventPageDto })
  @ApiProblems(400, 401, 403, 404)
  events(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: FeedQueryDto,
  ): Promise<WatchEventPageDto> {
    return this.watchLists.events(principal, id, query.after ?? 0, query.limit ?? 50);
  }
}
