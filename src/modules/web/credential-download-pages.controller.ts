import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpAdapterHost } from '@nestjs/core';
import { Public } from '../../common/decorators/auth.decorators.js';
import { field } from './form-errors.js';
import { requireAccount } from './page-access.js';
import { PageError404 } from './profile-page-errors.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

const FORMS = {
  json: { accept: 'application/ld+json', extension: 'json' },
  jwt: { accept: 'application/vc+jwt', extension: 'jwt' },
} as const;

/** The holder's credentials and the signed register extract, to download and keep or pass on. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('account')
export class CredentialDownloadPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get('credentials/:id/download')
  async credential(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() params: unknown,
  ): Promise<void> {
    requireAccount(request, 'practitioner');
    const form = field(params, 'form') === 'jwt' ? FORMS.jwt : FORMS.json;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new PageError404();
    return this.pass(request, reply, `/api/v1/credentials/${id}/vc`, form, `credential-${id}`);
  }

  @Get('extract')
  extract(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() params: unknown,
  ): Promise<void> {
    const principal = requireAccount(request, 'practitioner');
    const form = field(params, 'form') === 'jwt' ? FORMS.jwt : FORMS.json;
    return this.pass(
      request,
      reply,
      '/api/v1/practitioners/me/extract',
      form,
      `register-extract-${principal.practitionerId ?? 'me'}`,
    );
  }

  /** Passes the API's signed document on as a file, exactly as signed. */
  private async pass(
    request: FastifyRequest,
    reply: FastifyReply,
    url: string,
    form: (typeof FORMS)[keyof typeof FORMS],
    name: string,
  ): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const authorization = request.headers.authorization;
    const response = await fastify.inject({
      method: 'GET',
      url,
      headers: {
        accept: form.accept,
        'x-correlation-id': String(request.id),
        ...(typeof authorization === 'string' ? { authorization } : {}),
      },
      remoteAddress: request.ip,
    });
    if (response.statusCode !== 200) throw new PageError404();
    const type = response.headers['content-type'];
    await reply
      .status(200)
      .type(typeof type === 'string' ? type : 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${name}.${form.extension}"`)
      .send(response.rawPayload);
  }
}
