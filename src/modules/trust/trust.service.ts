import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDataIntegrityProof } from './data-integrity.js';
import { DidDocumentsService } from './did-documents.service.js';
import { REGISTRY_OWNER, type KeyOwner } from './key-owner.js';
import { KeysService, type Signer } from './keys.service.js';
import { signVcJwt, type CredentialJson } from './vc-jwt.js';

export interface SignedCredentialForms {
  /** VC-JOSE-COSE compact JWS (`typ: vc+jwt`). */
  jwt: string;
  /** The same credential with an eddsa-rdfc-2022 DataIntegrityProof. */
  dataIntegrity: CredentialJson;
}

/**
 * Signs what it is handed with the owner's current key. The document names its issuer; when it
 * names none the owner's DID is filled in, and a document naming someone else is refused.
 */
@Injectable()
export class TrustService {
  constructor(
    private readonly keys: KeysService,
    private readonly dids: DidDocumentsService,
  ) {}

  /** Inside a transaction pass its manager (see KeysService.signerFor). */
  async signCredential(
    document: CredentialJson,
    owner: KeyOwner,
    manager?: EntityManager,
  ): Promise<SignedCredentialForms> {
    const signer = await this.keys.signerFor(owner, manager);
    const prepared = withIssuer(document, signer);
    const [jwt, dataIntegrity] = await Promise.all([
      signVcJwt(prepared, { kid: signer.kid, privateKey: signer.privateKey }),
      addDataIntegrityProof(prepared, signer.dataIntegrity, this.dids.loader),
    ]);
    return { jwt, dataIntegrity };
  }

  async signCredentialJwt(
    document: CredentialJson,
    owner: KeyOwner,
    manager?: EntityManager,
  ): Promise<string> {
    const signer = await this.keys.signerFor(owner, manager);
    return signVcJwt(withIssuer(document, signer), {
      kid: signer.kid,
      privateKey: signer.privateKey,
    });
  }

  /** Data Integrity signing costs ~25 ms: call it on demand and keep the result. */
  async signCredentialDataIntegrity(
    document: CredentialJson,
    owner: KeyOwner,
    manager?: EntityManager,
  ): Promise<{ document: CredentialJson; kid: string }> {
    const signer = await this.keys.signerFor(owner, manager);
    const signed = await addDataIntegrityProof(
      withIssuer(document, signer),
      signer.dataIntegrity,
      this.dids.loader,
    );
    return { document: signed, kid: signer.kid };
  }

  /** Receipts, register extracts and other documents the registry itself vouches for. */
  signRegistryDocument(
    document: CredentialJson,
    manager?: EntityManager,
  ): Promise<SignedCredentialForms> {
    return this.signCredential(document, REGISTRY_OWNER, manager);
  }

  /** The DID a document signed for `owner` must name as its issuer. */
  async issuerDid(owner: KeyOwner): Promise<string> {
    return (await this.keys.signerFor(owner)).did;
  }
}

function withIssuer(document: CredentialJson, signer: Signer): CredentialJson {
  const issuer = document.issuer;
  if (issuer === undefined) return { ...document, issuer: signer.did };
  if (typeof issuer === 'string') {
    if (issuer !== signer.did)
      throw new Error(`The document names issuer ${issuer}, not ${signer.did}.`);
    return document;
  }
  if (typeof issuer === 'object' && issuer !== null && !Array.isArray(issuer)) {
    const id = (issuer as { id?: unknown }).id;
    if (id === undefined) return { ...document, issuer: { ...issuer, id: signer.did } };
    if (id !== signer.did) throw new Error(`The document names another issuer than ${signer.did}.`);
    return document;
  }
  throw new Error('The document has an unusable issuer.');
}
