import {
  Body,
  Controller,
  Get,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { CsrfGuard } from './csrf.guard.js';
import { field, formErrorView, type FormError } from './form-errors.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

const TITLE = 'Answer a reference request';

/** Where a referee's emailed link lands: confirm or decline, once. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('referees/answer')
export class RefereePagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  form(
    @Query('token') token: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.show(request, reply, { token: token ?? '', answer: '', comment: '' }, [], 200);
  }

  @Post()
  async answer(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    const values = {
      token: field(body, 'token'),
      answer: field(body, 'answer'),
      comment: field(body, 'comment'),
    };
    if (values.answer !== 'confirmed' && values.answer !== 'declined') {
      return this.show(
        request,
        reply,
        values,
        [{ field: 'answer', text: 'Select yes or no' }],
        400,
      );
    }
    const result = await this.api.post<{ answer: string; answeredAt: string }>(
      request,
      '/api/v1/referee-answers',
      {
        token: values.token,
        answer: values.answer,
        ...(values.comment ? { comment: values.comment } : {}),
      },
    );
    if (!result.ok) {
      const text =
        'This link has been used, has expired or is not valid. Ask the applicant to contact the assessing body';
      return this.show(
        request,
        reply,
        values,
        [{ field: 'answer', text }],
        result.status === 400 ? 400 : 404,
      );
    }
    return this.pages.render(request, reply, 'referee-answered', {
      title: 'Thank you: your answer is recorded',
      answer: result.data.answer,
    });
  }

  private show(
    request: FastifyRequest,
    reply: FastifyReply,
    values: { token: string; answer: string; comment: string },
    errors: FormError[],
    status: number,
  ): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'referee-answer',
      { title: TITLE, values, ...formErrorView(errors, { answer: 'answer' }) },
      status,
    );
  }
}
