import { jest } from '@jest/globals';
import {
  createDocumentLoader,
  OB_V3_CONTEXT,
  STATIC_CONTEXTS,
  VC_V2_CONTEXT,
} from './document-loader.js';
import { buildDidDocument, didWeb, didWebDocumentUrl } from './did-web.js';
import { generateEd25519KeyPair } from './key-material.js';
import { DocumentNotFoundError } from './trust-errors.js';

describe(createDocumentLoader.name, () => {
  it('should serve every bundled context offline', async () => {
    const loader = createDocumentLoader();
    for (const url of [
      VC_V2_CONTEXT,
      OB_V3_CONTEXT,
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
      'https://w3id.org/security/data-integrity/v2',
      'https://w3id.org/security/multikey/v1',
      'https://www.w3.org/ns/did/v1',
    ]) {
      const { document } = await loader(url);
      expect(document).toHaveProperty('@context');
    }
    expect(STATIC_CONTEXTS.size).toBeGreaterThanOrEqual(8);
  });

  it('should resolve a DID document and a verification method by fragment', async () => {
    const key = await generateEd25519KeyPair();
    const did = didWeb('registry.example.org', ['issuers', 'a']);
    const loader = createDocumentLoader({
      resolveDid: (d) =>
        Promise.resolve(d === did ? { ...buildDidDocument(did, [key]) } : undefined),
    });
    expect((await loader(did)).document).toMatchObject({ id: did });
    expect((await loader(`${did}#${key.kid}`)).document).toMatchObject({
      id: `${did}#${key.kid}`,
      type: 'Multikey',
      controller: did,
      '@context': expect.arrayContaining(['https://w3id.org/security/multikey/v1']),
    });
    await expect(loader(`${did}#other`)).rejects.toThrow(DocumentNotFoundError);
  });

  it('should resolve status lists only through the caller', async () => {
    const url = 'https://registry.example.org/api/v1/status-lists/1';
    const loader = createDocumentLoader({
      resolveStatusList: (u) => Promise.resolve(u === url ? { id: url } : undefined),
    });
    expect((await loader(url)).document).toEqual({ id: url });
    await expect(loader('https://registry.example.org/other')).rejects.toThrow(
      DocumentNotFoundError,
    );
  });

  it('should never fetch an unknown URL', async () => {
    const original = globalThis.fetch;
    const fetchSpy = jest.fn<typeof fetch>();
    globalThis.fetch = fetchSpy;
    try {
      const loader = createDocumentLoader();
      await expect(loader('https://example.com/context.json')).rejects.toThrow(
        DocumentNotFoundError,
      );
      await expect(loader('did:web:example.com')).rejects.toThrow(DocumentNotFoundError);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe(didWeb.name, () => {
  it('should percent-encode a port and map paths to did.json URLs', () => {
    expect(didWeb('localhost:3000', ['issuers', 'x'])).toBe('did:web:localhost%3A3000:issuers:x');
    expect(didWebDocumentUrl('did:web:localhost%3A3000:issuers:x')).toBe(
      'https://localhost:3000/issuers/x/did.json',
    );
    expect(didWebDocumentUrl('did:web:example.org')).toBe(
      'https://example.org/.well-known/did.json',
    );
  });
});
