import { Inject, Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { hkdfSync, sign, verify } from 'node:crypto';
import {
  authConfig,
  databaseConfig,
  type AuthConfig,
  type DatabaseConfig,
} from '../../config/configuration.js';
import { signingOperations } from '../../common/metrics/metrics.js';
import { resolveJwtSecret } from '../auth/jwt-secret.js';
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
  constructor(
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    @Inject(databaseConfig.KEY) private readonly database: DatabaseConfig,
    private readonly keys: KeysService,
  ) {}

  /** A key for another purpose derived from the service secret (hashing share codes). */
  derivedSecret(purpose: string): Buffer {
    const secret = resolveJwtSecret(this.auth.jwtSecret, this.database.dataDir);
    return Buffer.from(hkdfSync('sha256', secret, 'digital-leadership-registry', purpose, 32));
  }

  async sign(document: Record<string, unknown>): Promise<ReceiptProof> {
    const signer = await this.keys.signerFor(REGISTRY_OWNER);
    const signature = sign(null, Buffer.from(canonicalize(document) ?? ''), signer.privateKey);
    signingOperations.inc({ kind: 'receipt' });
    const published = await this.keys.publicKeyByKid(signer.kid);
    return {
      type: 'Ed25519Signature',
      canonicalization: 'JCS (RFC 8785)',
      kid: signer.kid,
      publicKeyJwk: published?.publicJwk ?? null,
      signatureValue: signature.toString('base64url'),
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
