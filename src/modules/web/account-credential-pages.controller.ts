import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { CsrfGuard } from './csrf.guard.js';
import { field } from './form-errors.js';
import { formatDate } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import { credentialStatusTag, humanise, provenanceTag } from './tags.js';

/**
 * A practitioner's own credentials: each to download (CredentialDownloadPagesController serves the
 * files) and with its public verification page switched on or off.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('account/credentials')
export class AccountCredentialPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'practitioner');
    const result = await this.api.get<unknown>(
      request,
      '/api/v1/practitioners/me/credentials?pageSize=100',
    );
    const credentials = asArray(asObject(result.ok ? result.data : {}).items).map((c) => ({
      id: text(c, 'id'),
      title: text(c, 'title'),
      awardingBody: text(c, 'awardingBody'),
      kind: humanise(text(c, 'kind')),
      awardedOn: formatDate(text(c, 'awardedOn')),
      validUntil: formatDate(text(c, 'validUntil')),
      status: credentialStatusTag(text(c, 'status'), ''),
      provenance: provenanceTag(text(c, 'provenance')),
      publicPage: asObject(c).publicPage === true,
      pageUrl: text(c, 'pageUrl'),
    }));
    return this.pages.render(request, reply, 'account-credentials', {
      title: 'Your credentials and register extract',
      credentials,
    });
  }

  @Post(':id/public-page')
  async setPublicPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const result = await this.api.call(request, {
      method: 'PUT',
      url: `/api/v1/credentials/${encodeURIComponent(id)}/public-page`,
      body: { enabled: field(body, 'enabled') === 'true' },
    });
    if (!result.ok) throw new PageNotFoundError('You have no credential with that address.');
    return this.pages.redirect(reply, '/account/credentials');
  }
}
