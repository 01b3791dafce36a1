import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors, type JWK, type JWTHeaderParameters } from 'jose';
import { signingOperations } from '../../common/metrics/metrics.js';
import { VC_V2_CONTEXT } from './document-loader.js';
import { TrustVerificationError } from './trust-errors.js';

export type CredentialJson = Record<string, unknown>;

export const VC_JWT_TYP = 'vc+jwt';
export const VC_JWT_ALG = 'EdDSA';

export interface VcJwtSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** Returns the public key for a kid, or undefined when the kid is not one we trust. */
export type VcJwtKeyLookup = (kid: string) => Promise<KeyObject | JWK | undefined>;

export interface VcJwtVerified {
  credential: CredentialJson;
  header: JWTHeaderParameters;
  issuedAt: number | undefined;
}

/**
 * VC-JOSE-COSE: the credential itself is the JWS payload (no `vc` claim wrapper); `iat` is the
 * only JWT claim we add, so the payload stays the credential plus the signing time.
 */
export async function signVcJwt(
  credential: CredentialJson,
  key: VcJwtSigningKey,
  issuedAt: Date = new Date(),
): Promise<string> {
  if ('iat' in credential) throw new Error('A credential must not carry its own "iat".');
  signingOperations.inc({ kind: 'vc-jwt' });
  return new SignJWT({ ...credential })
    .setProtectedHeader({ alg: VC_JWT_ALG, kid: key.kid, typ: VC_JWT_TYP, cty: 'vc' })
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .sign(key.privateKey);
}

/**
 * Verifies signature, pinned alg and typ, and that the payload is a VC 2.0 credential. Dates
 * (validFrom / validUntil) and status are left to the caller: an expired credential still has a
 * genuine signature and the verify endpoint reports each check separately.
 */
export async function verifyVcJwt(
  jwt: string,
  lookupKey: VcJwtKeyLookup,
  options: { expectedIssuer?: string } = {},
): Promise<VcJwtVerified> {
  let verified;
  try {
    verified = await jwtVerify(
      jwt,
      async (header) => {
        if (typeof header.kid !== 'string') throw new Error('The JWT header has no "kid".');
        const key = await lookupKey(header.kid);
        if (!key) throw new Error(`Unknown key id "${header.kid}".`);
        return key;
      },
      { algorithms: [VC_JWT_ALG], typ: VC_JWT_TYP },
    );
  } catch (error) {
    throw new TrustVerificationError(joseCode(error), describe(error));
  }
  const { payload, protectedHeader } = verified;
  const { iat, ...credential } = payload;
  assertCredentialShape(credential, options.expectedIssuer);
  return { credential, header: protectedHeader, issuedAt: iat };
}

function assertCredentialShape(credential: CredentialJson, expectedIssuer?: string): void {
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) {
    throw new TrustVerificationError(
      'TRUST.VC_JWT_NOT_VC',
      'The payload is not a VC 2.0 credential.',
    );
  }
  const type = credential.type;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential')) {
    throw new TrustVerificationError(
      'TRUST.VC_JWT_NOT_VC',
      'The payload lacks VerifiableCredential.',
    );
  }
  if (expectedIssuer !== undefined && issuerId(credential) !== expectedIssuer) {
    throw new TrustVerificationError('TRUST.VC_JWT_ISSUER', 'The credential names another issuer.');
  }
}

export function issuerId(credential: CredentialJson): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null) {
    const id = (issuer as { id?: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

function joseCode(error: unknown): string {
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'TRUST.VC_JWT_SIGNATURE';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return 'TRUST.VC_JWT_CLAIMS';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'TRUST.VC_JWT_ALG';
  return 'TRUST.VC_JWT_INVALID';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'The JWT could not be verified.';
}
