import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { summariseCredential } from './credential-summary.js';
import { fullName } from './register-view.js';
import { checkUploadCsrf, CsrfGuard, CsrfInUploadBody } from './csrf.guard.js';
import { formErrorView, type FormError } from './form-errors.js';
import { asArray, asObject, text } from './json-read.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';
import { humanise } from './tags.js';

const CHECK_NAMES: Record<string, string> = {
  format: 'Format',
  signature: 'Signature',
  issuer: 'Issuer',
  dates: 'Dates',
  revocation: 'Not revoked',
  suspension: 'Not suspended',
};

const MAX_CREDENTIAL_BYTES = 512 * 1024;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('verify-credential')
export class VerifyCredentialPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.render(request, reply, 'verify-credential-form', {
      title: 'Verify a digital credential',
      values: { credential: '' },
    });
  }

  @Post()
  @CsrfInUploadBody()
  async verify(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { pasted, uploaded, tooLarge, token } = await readForm(request);
    if (request.isMultipart()) await checkUploadCsrf(request, reply, token);
    const source = uploaded?.trim() || pasted.trim();
    const errors: FormError[] = [];
    if (tooLarge) errors.push({ field: 'file', text: 'The file must be smaller than 512 KB' });
    else if (!source)
      errors.push({ field: 'credential', text: 'Paste the credential or choose a file' });
    const credential = source ? parseCredential(source) : null;
    if (source && credential === null && !tooLarge) {
      errors.push({
        field: uploaded ? 'file' : 'credential',
        text: 'The credential must be JSON (a verifiable credential) or a signed JWT',
      });
    }
    const values = { credential: pasted.slice(0, 20000) };
    if (errors.length || credential === null) {
      return this.pages.render(
        request,
        reply,
        'verify-credential-form',
        { title: 'Verify a digital credential', values, ...formErrorView(errors) },
        400,
      );
    }
    const result = await this.api.post<unknown>(request, '/api/v1/vc/verify', { credential });
    if (!result.ok && result.status !== 400 && result.status !== 422) {
      return this.pages.render(
        request,
        reply,
        'verify-credential-form',
        {
          title: 'Verify a digital credential',
          values,
          ...formErrorView([
            {
              field: 'credential',
              text:
                result.status === 429
                  ? 'Too many checks. Wait and try again later'
                  : 'The credential could not be checked. Try again later',
            },
          ]),
        },
        result.status === 429 ? 429 : 502,
      );
    }
    const data = asObject(
      result.ok ? result.data : { verified: false, errors: [{ message: result.problem.detail }] },
    );
    const checks = asArray(data.checks ?? data.results).map((c) => {
      const o = asObject(c);
      const result = text(o, 'result', 'status');
      const state = result === 'pass' ? 'pass' : result === 'skip' ? 'skip' : 'fail';
      return {
        name: CHECK_NAMES[text(o, 'check')] ?? humanise(text(o, 'check', 'name')),
        state,
        message: text(o, 'detail', 'message'),
      };
    });
    const problems = asArray(data.errors ?? data.problems).map(
      (e) => text(e, 'message', 'detail') || (typeof e === 'string' ? e : ''),
    );
    const verified = data.verified === true;
    const summary = verified ? summariseCredential(credential) : null;
    let holder = '';
    if (summary?.registerNumber) {
      const entry = await this.api.get<unknown>(
        request,
        `/api/v1/register/${summary.registerNumber}`,
      );
      if (entry.ok) holder = fullName(entry.data);
    }
    return this.pages.render(request, reply, 'verify-credential-result', {
      title: verified ? 'Credential verified' : 'Credential not verified',
      verified,
      summary,
      holder,
      checks,
      problems: problems.filter(Boolean),
      subject: text(asObject(data.credential ?? data.summary), 'name', 'title'),
    });
  }
}

async function readForm(
  request: FastifyRequest,
): Promise<{ pasted: string; uploaded?: string; tooLarge: boolean; token?: string }> {
  if (!request.isMultipart()) {
    const body = asObject(request.body);
    return { pasted: typeof body.credential === 'string' ? body.credential : '', tooLarge: false };
  }
  let pasted = '';
  let uploaded: string | undefined;
  let tooLarge = false;
  let token: string | undefined;
  for await (const part of request.parts({
    limits: { fileSize: MAX_CREDENTIAL_BYTES, files: 1 },
  })) {
    if (part.type === 'file') {
      const buffer = await part.toBuffer().catch(() => null);
      if (buffer === null || part.file.truncated) tooLarge = true;
      else if (buffer.length) uploaded = buffer.toString('utf8');
    } else if (part.fieldname === '_csrf' && typeof part.value === 'string') {
      token = part.value;
    } else if (part.fieldname === 'credential' && typeof part.value === 'string') {
      pasted = part.value;
    }
  }
  return { pasted, uploaded, tooLarge, token };
}

function parseCredential(source: string): unknown {
  if (JWT.test(source)) return source;
  try {
    const parsed = JSON.parse(source) as unknown;
    return typeof parsed === 'object' && parsed !== null ? parsed : null;
  } catch {
    return null;
  }
}
