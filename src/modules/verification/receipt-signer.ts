import { Inject, Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { hkdfSync, sign, verify } from 'node:crypto';
import {
  authConfig,
  databaseConfig,
  type AuthConfig,
  type DatabaseConfig,
} from '../../config/configuration.js';
import { resolveJwtSecret } from '../auth/jwt-secret.js';
import { ed25519KeyPairFromPrivate, type Ed25519KeyMaterial } from '../trust/key-material.js';

export interface ReceiptProof {
  type: 'Ed25519Signature';
  canonicalization: 'JCS (RFC 8785)';
  kid: string;
  publicKeyJwk: Ed25519KeyMaterial['publicJwk'];
  signatureValue: string;
}

/**
 * Signs receipts with an Ed25519 key derived from the service secret, so every instance sharing
 * the secret signs with one key and it survives restarts. Anyone can check a receipt offline with
 * the public key in its proof (JCS-canonical JSON, base64url signature). To be replaced by the
 * trust module's registry key once that module is wired in.
 */
@Injectable()
export class ReceiptSigner {
  private key?: Promise<Ed25519KeyMaterial>;

  constructor(
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    @Inject(databaseConfig.KEY) private readonly database: DatabaseConfig,
  ) {}

  /** A key for another purpose derived from the same secret (e.g. hashing share codes). */
  derivedSecret(purpose: string): Buffer {
    const secret = resolveJwtSecret(this.auth.jwtSecret, this.database.dataDir);
    return Buffer.from(hkdfSync('sha256', secret, 'digital-leadership-registry', purpose, 32));
  }

  async sign(document: Record<string, unknown>): Promise<ReceiptProof> {
    const key = await this.material();
    const signature = sign(null, Buffer.from(canonicalize(document) ?? ''), key.privateKeyObject);
    return {
      type: 'Ed25519Signature',
      canonicalization: 'JCS (RFC 8785)',
      kid: key.kid,
      publicKeyJwk: key.publicJwk,
      signatureValue: signature.toString('base64url'),
    };
  }

  async verify(document: Record<string, unknown>, signatureValue: string): Promise<boolean> {
    const key = await this.material();
    return verify(
      null,
      Buffer.from(canonicalize(document) ?? ''),
      key.publicKeyObject,
      Buffer.from(signatureValue, 'base64url'),
    );
  }

  private material(): Promise<Ed25519KeyMaterial> {
    this.key ??= ed25519KeyPairFromPrivate(this.derivedSecret('verification-receipts/v1'));
    return this.key;
  }
}
