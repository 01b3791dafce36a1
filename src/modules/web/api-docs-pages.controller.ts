import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { apiDocsView } from './api-docs-view.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

/**
 * The API reference as a page in the design system, read from the OpenAPI document (served as
 * JSON at /api/docs-json). It replaces Swagger UI, which failed axe on contrast, nested
 * interactive controls, target size and a missing label.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('api/docs')
export class ApiDocsPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async docs(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const document = await this.api.get<unknown>(request, '/api/docs-json');
    const view = apiDocsView(document.ok ? document.data : {});
    return this.pages.render(request, reply, 'api-docs', {
      ...view,
      apiTitle: view.title,
      title: 'API documentation',
    });
  }
}
