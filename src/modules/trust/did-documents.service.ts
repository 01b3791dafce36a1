import { Injectable } from '@nestjs/common';
import { buildDidDocument, type DidDocument } from './did-web.js';
import { createDocumentLoader, type DocumentLoader } from './document-loader.js';
import { KeysService } from './keys.service.js';
import { issuerOwner, type KeyOwner } from './key-owner.js';
import { IssuerDirectory } from './issuer-directory.js';
import { TrustUrls } from './trust-urls.js';

/** did:web documents of the registry and each body, built from the keys table (all keys, ever). */
@Injectable()
export class DidDocumentsService {
  /** Offline loader: bundled contexts plus our own DIDs read straight from the keys table. */
  readonly loader: DocumentLoader;

  constructor(
    private readonly keys: KeysService,
    private readonly urls: TrustUrls,
    private readonly issuers: IssuerDirectory,
  ) {
    this.loader = createDocumentLoader({
      resolveDid: async (did) => {
        const owner = this.urls.ownerOfDid(did);
        const doc = owner ? await this.documentFor(owner) : undefined;
        return doc ? { ...doc } : undefined;
      },
    });
  }

  /**
   * A recognised body's document, giving it its first key if it has none yet (the issuers module
   * normally does that on recognition); undefined for an id that is no body of ours.
   */
  async issuerDocument(issuerId: string): Promise<DidDocument | undefined> {
    const owner = issuerOwner(issuerId);
    const existing = await this.documentFor(owner);
    if (existing || !(await this.issuers.find(issuerId))) return existing;
    await this.keys.ensureIssuerKey(issuerId);
    this.keys.forgetPublished();
    return this.documentFor(owner);
  }

  /** Undefined when the owner has never had a key (an unknown or never-signing body). */
  async documentFor(owner: KeyOwner): Promise<DidDocument | undefined> {
    const keys = await this.keys.keysOf(owner);
    if (keys.length === 0) return undefined;
    return buildDidDocument(this.urls.didFor(owner), keys);
  }
}
