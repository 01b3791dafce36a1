import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Public } from '../../common/decorators/auth.decorators.js';
import { checkUploadCsrf, CsrfGuard, CsrfInUploadBody, uploadToken } from './csrf.guard.js';
import { formErrorView } from './form-errors.js';
import { requireAccount } from './page-access.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

const MAX_FILE = 5 * 1024 * 1024;
const TITLE = 'Check many qualifications at once';

/** Employers: upload a file of claims to check, and get the report back as a CSV download. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('employer')
export class EmployerPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get('bulk-checks')
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'employer');
    return this.pages.render(request, reply, 'employer-bulk-checks', { title: TITLE });
  }

  /**
   * Without JavaScript the browser's upload is the progress display; the answer is the report
   * itself, downloaded as CSV. The file's hash is the Idempotency-Key, so sending the same file
   * again (after a dropped connection) repeats the answers and their receipts instead of
   * checking twice.
   */
  @Post('bulk-checks')
  @CsrfInUploadBody()
  async check(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    requireAccount(request, 'employer');
    const file = request.isMultipart()
      ? await request.file({ limits: { fileSize: MAX_FILE, files: 1 } })
      : undefined;
    await checkUploadCsrf(request, reply, uploadToken(file?.fields));
    const data = file ? await file.toBuffer().catch(() => null) : null;
    let error: string | null = null;
    if (!file || !data || data.length === 0) error = 'Choose a CSV or JSON file';
    else if (file.file.truncated) error = 'The file must be smaller than 5 MB';
    if (error || !data) return this.refuse(request, reply, error ?? 'Choose a file');
    const isJson =
      file?.filename.toLowerCase().endsWith('.json') === true ||
      file?.mimetype === 'application/json';
    const key = `page-${createHash('sha256').update(data).digest('hex').slice(0, 40)}`;
    const result = await this.api.postForFile(
      request,
      '/api/v1/verifications/bulk',
      { payload: data, contentType: isJson ? 'application/json' : 'text/csv' },
      { accept: 'text/csv', 'idempotency-key': key },
    );
    if (result.status >= 400) {
      const problem = JSON.parse(result.body.toString('utf8')) as { detail?: string };
      return this.refuse(request, reply, problem.detail ?? 'The file could not be checked');
    }
    const stamp = new Date().toISOString().slice(0, 10);
    await reply
      .status(200)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="checks-${stamp}.csv"`)
      .send(result.body);
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, text: string): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'employer-bulk-checks',
      { title: TITLE, ...formErrorView([{ field: 'file', text }]) },
      400,
    );
  }
}
