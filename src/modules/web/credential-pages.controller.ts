import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { AppError } from '../../common/errors/app-error.js';
import { CsrfGuard } from './csrf.guard.js';
import { formatDate, formatDateTime } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { qrCodeDataUrl } from './qr-code.js';
import { RegistryApi } from './registry-api.js';
import { credentialStatusTag, provenanceTag, registerStatusTag } from './tags.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = 'There is no public page for a credential with that address.';

const CHECK_NAMES: Record<string, string> = {
  format: 'Format',
  signature: 'Signature',
  issuer: 'Issuer',
  dates: 'Dates',
  revocation: 'Not revoked',
  suspension: 'Not suspended',
};

/** A credential's public verification page, by its holder's consent (the API decides). */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@UseGuards(CsrfGuard)
@Controller('credentials')
export class CredentialPagesController {
  constructor(
    private readonly api: RegistryApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':id')
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    if (!UUID.test(id)) throw new PageNotFoundError(NOT_FOUND);
    const result = await this.api.get<unknown>(request, `/api/v1/credentials/${id}/public`);
    if (!result.ok) {
      if (result.status === 404 || result.status === 400) throw new PageNotFoundError(NOT_FOUND);
      throw new AppError(
        'WEB.UPSTREAM',
        result.status,
        result.problem.title,
        result.problem.detail || 'The credential could not be checked. Try again later.',
      );
    }
    const c = asObject(result.data);
    const holder = asObject(c.holder);
    const verification = asObject(c.verification);
    const pageUrl = text(c, 'pageUrl');
    const title = text(c, 'title');
    const holderName = text(holder, 'name');
    const details = [text(c, 'subject'), text(c, 'result')].filter(Boolean).join(', ');
    void reply.header('Cache-Control', 'no-cache');
    return this.pages.render(request, reply, 'credential', {
      title: `${title}: ${holderName}`,
      credential: {
        title,
        details,
        awardingBody: text(c, 'awardingBody'),
        awardedOn: formatDate(text(c, 'awardedOn')),
        validUntil: formatDate(text(c, 'validUntil')),
        status: credentialStatusTag(text(c, 'status'), ''),
        provenance: provenanceTag(text(c, 'provenance')),
        provenanceLabel: text(c, 'provenanceLabel'),
        id: text(c, 'id'),
      },
      holder: {
        name: holderName,
        registerNumber: text(holder, 'registerNumber'),
        status: registerStatusTag(text(holder, 'registerStatus')),
      },
      verified: verification.verified === true,
      checkedAt: formatDateTime(text(verification, 'checkedAt')),
      checks: asArray(verification.checks).map((check) => ({
        name: CHECK_NAMES[text(check, 'check')] ?? text(check, 'check'),
        state: text(check, 'result'),
        detail: text(check, 'detail'),
      })),
      proves: strings(c.proves),
      doesNotProve: strings(c.doesNotProve),
      linkedInUrl: text(c, 'linkedInUrl'),
      signedCredential: text(c, 'signedCredential'),
      pageUrl,
      qrCode: await qrCodeDataUrl(pageUrl),
      og: {
        title: `${title}: ${holderName}`,
        description: `${text(c, 'awardingBody')} awarded ${title} to ${holderName} (register number ${text(holder, 'registerNumber')}). Checked live against the register.`,
        url: pageUrl,
      },
    });
  }
}

const strings = (value: unknown): string[] =>
  asArray(value).filter((s): s is string => typeof s === 'string');
