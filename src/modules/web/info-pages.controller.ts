import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';

/** The footer's fixed pages: privacy notice, accessibility statement and how to contact us. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class InfoPagesController {
  constructor(private readonly pages: PageRenderer) {}

  @Get('privacy')
  privacy(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.render(request, reply, 'privacy', { title: 'Privacy notice' });
  }

  @Get('accessibility')
  accessibility(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.render(request, reply, 'accessibility', { title: 'Accessibility statement' });
  }

  @Get('contact')
  contact(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.render(request, reply, 'contact', { title: 'Contact us' });
  }
}
