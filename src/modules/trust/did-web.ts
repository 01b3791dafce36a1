import { toMultikey, type MultikeyVerificationMethod } from './key-material.js';

export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';

/** `did:web` for a host (port allowed) and optional path segments, per the did:web method. */
export function didWeb(host: string, path: string[] = []): string {
  const parts = [host, ...path].map((p) => encodeURIComponent(p));
  return `did:web:${parts.join(':')}`;
}

/** Where a did:web document is served: /.well-known/did.json without a path, else /<path>/did.json. */
export function didWebDocumentUrl(did: string): string {
  if (!did.startsWith('did:web:')) throw new Error(`Not a did:web: "${did}".`);
  const [host, ...path] = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  const base = `https://${host}`;
  return path.length === 0 ? `${base}/.well-known/did.json` : `${base}/${path.join('/')}/did.json`;
}

export function verificationMethodId(did: string, kid: string): string {
  return `${did}#${kid}`;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: MultikeyVerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

/**
 * A DID document listing every key (current and retired) as a Multikey: retired keys must stay
 * so that credentials they signed still verify; removing a key is how it is disowned.
 */
export function buildDidDocument(
  did: string,
  keys: { kid: string; publicKey: Uint8Array }[],
): DidDocument {
  const methods = keys.map((k) => toMultikey(verificationMethodId(did, k.kid), did, k.publicKey));
  const ids = methods.map((m) => m.id);
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}
