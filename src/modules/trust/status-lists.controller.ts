import { Controller, Get, Headers, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { strongEtag } from '../../common/http-cache/conditional.js';
import { tagBody } from '../../common/http-cache/http-cache.js';
import { PublicCache, REVOCABLE } from '../../common/http-cache/public-cache.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { negotiateVcForm } from './content-negotiation.js';
import { StatusListPublisher } from './status-list-publisher.service.js';

const MAX_TAGS = 10_000;

@ApiTags('Trust')
@Public()
@Controller(`${API_PREFIX}/status-lists`)
export class StatusListsController {
  // Each list's last document sent and its ETag: a list changes only on a status change, so most
  // reads send the same bytes again, compared here instead of hashed again (bounded by the lists).
  private readonly tags = new Map<string, { document: string; etag: string }>();

  constructor(private readonly publisher: StatusListPublisher) {}

  @Get(':id')
  @PublicCache({ ...REVOCABLE, vary: ['Accept'] })
  @ApiHeader({
    name: 'Accept',
    required: false,
    description:
      'application/vc+jwt for a VC-JWT; application/vc or application/ld+json (default) for Data Integrity JSON-LD',
  })
  @ApiProduces('application/ld+json', 'application/vc', 'application/vc+jwt')
  @ApiOkResponse({ description: 'A signed BitstringStatusListCredential, as it stands now' })
  @ApiProblems(400, 404, 406)
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { form, contentType } = negotiateVcForm(accept);
    const document = await this.publisher.signedList(id, form);
    const key = `${id} ${form}`;
    let tag = this.tags.get(key);
    if (tag?.document !== document) {
      if (this.tags.size >= MAX_TAGS) this.tags.clear();
      tag = { document, etag: strongEtag(document) };
      this.tags.set(key, tag);
    }
    tagBody(reply.request, document, tag.etag);
    void reply.type(contentType);
    return document;
  }
}
