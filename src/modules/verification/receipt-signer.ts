import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { sign, verify } from 'node:crypto';
import { signingOperations } from '../../common/metrics/metrics.js';
import { publicKeyObjectFromRaw } from '../trust/key-material.js';
import { REGISTRY_OWNER } from '../trust/key-owner.js';
import { KeysService } from '../trust/keys.service.js';
import type { Ed25519PublicJwk } from '../trust/key-material.js';

export interface ReceiptProof {
  type: 'Ed25519Signature';
  canonicalization: 'JCS (RFC 8785)';
  /** The registry key's id in /.well-known/jwks.json (current or retired), so anyone can check it. */
  kid: string;
  publicKeyJwk: Ed25519PublicJwk | null;
  signatureValue: string;
}

/**
 * Signs receipts with the registry's published signing key (the one in /.well-known/jwks.json),
 * over the JCS-canonical receipt document, so anyone can check a receipt offline against the
 * published key for its kid, including after the key is rotated.
 */
@Injectable()
export class ReceiptSigner {
  constructor(private readonly keys: KeysService) {}

  /**
   * Signs the document's JCS text, and returns that text too: it is valid JSON, so the caller
   * stores it as it is instead of serialising the document a second time.
   */
  async sign(document: Record<string, unknown>): Promise<{ proof: ReceiptProof; text: string }> {
    const signer = await this.keys.signerFor(REGISTRY_OWNER);
    const text = canonicalize(document) ?? '';
    const signature = sign(null, Buffer.from(text), signer.privateKey);
    signingOperations.inc({ kind: 'receipt' });
    const published = await this.keys.publicKeyByKid(signer.kid);
    return {
      text,
      proof: {
        type: 'Ed25519Signature',
        canonicalization: 'JCS (RFC 8785)',
        kid: signer.kid,
        publicKeyJwk: published?.publicJwk ?? null,
        signatureValue: signature.toString('base64url'),
      },
    };
  }

  /** The proof of a stored receipt, with the published key it was signed with. */
  async proofFor(kid: string, signatureValue: string): Promise<ReceiptProof> {
    const published = await this.keys.publicKeyByKid(kid);
    return {
      type: 'Ed25519Signature',
      canonicalization: 'JCS (RFC 8785)',
      kid,
      publicKeyJwk: published?.publicJwk ?? null,
      signatureValue,
    };
  }

  async verify(
    document: Record<string, unknown>,
    signatureValue: string,
    kid: string,
  ): Promise<boolean> {
    const published = await this.keys.publicKeyByKid(kid);
    if (!published || published.owner.kind !== 'registry') return false;
    return verify(
      null,
      Buffer.from(canonicalize(document) ?? ''),
      publicKeyObjectFromRaw(published.publicKey),
      Buffer.from(signatureValue, 'base64url'),
    );
  }
}
