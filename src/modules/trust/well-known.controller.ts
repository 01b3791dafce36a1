import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { strongEtag } from '../../common/http-cache/conditional.js';
import { tagBody } from '../../common/http-cache/http-cache.js';
import { KEY_MATERIAL, PublicCache } from '../../common/http-cache/public-cache.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { DidDocumentsService } from './did-documents.service.js';
import type { DidDocument } from './did-web.js';
import { DidDocumentDto, JwksDto } from './dto/trust.dto.js';
import { REGISTRY_OWNER } from './key-owner.js';
import { KeysService, type PublishedKey } from './keys.service.js';
import { TrustUrls } from './trust-urls.js';

/** Public key material for verifiers: JWKS and did:web documents, every key ever used. */
@ApiTags('Trust')
@Public()
@Controller()
export class WellKnownController {
  // The JWKS as last sent with its ETag, and the published key list it was made from: KeysService
  // returns the same list while it holds, so the text is not rebuilt nor hashed per request.
  private jwksText: { keys: readonly PublishedKey[]; text: string; etag: string } | undefined;

  constructor(
    private readonly keys: KeysService,
    private readonly dids: DidDocumentsService,
    private readonly urls: TrustUrls,
  ) {}

  @Get('.well-known/jwks.json')
  @PublicCache(KEY_MATERIAL)
  @ApiOkResponse({ type: JwksDto })
  async jwks(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const keys = await this.keys.allKeys();
    let kept = this.jwksText;
    if (kept?.keys !== keys) {
      const text = JSON.stringify(this.jwksOf(keys));
      kept = { keys, text, etag: strongEtag(text) };
      this.jwksText = kept;
    }
    tagBody(reply.request, kept.text, kept.etag);
    void reply.type('application/json; charset=utf-8');
    return kept.text;
  }

  private jwksOf(keys: readonly PublishedKey[]): JwksDto {
    return {
      keys: keys.map((k) => ({
        kty: k.publicJwk.kty,
        crv: k.publicJwk.crv,
        x: k.publicJwk.x,
        kid: k.kid,
        alg: 'EdDSA',
        use: 'sig',
        owner: this.urls.didFor(k.owner),
        validFrom: k.validFrom.toISOString(),
        retiredAt: k.retiredAt?.toISOString() ?? null,
      })),
    };
  }

  @Get('.well-known/did.json')
  @PublicCache(KEY_MATERIAL)
  @ApiOkResponse({ type: DidDocumentDto, description: 'The registry did:web document' })
  async registryDid(): Promise<DidDocument> {
    const doc = await this.dids.documentFor(REGISTRY_OWNER);
    if (!doc) throw new NotFoundError('TRUST.DID_NOT_FOUND', 'The registry has no key yet.');
    return doc;
  }

  @Get('issuers/:id/did.json')
  @PublicCache(KEY_MATERIAL)
  @ApiOkResponse({ type: DidDocumentDto, description: "A certifying body's did:web document" })
  @ApiProblems(400, 404)
  async issuerDid(@Param('id', new ParseUUIDPipe()) id: string): Promise<DidDocument> {
    const doc = await this.dids.issuerDocument(id);
    if (!doc) throw new NotFoundError('TRUST.DID_NOT_FOUND', `No DID document for issuer ${id}.`);
    return doc;
  }
}
