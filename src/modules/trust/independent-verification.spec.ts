import { jest } from '@jest/globals';
import { verifyCredential } from '@digitalcredentials/verifier-core';
import { addDataIntegrityProof, createDataIntegritySigner } from './data-integrity.js';
import { didWebDocumentUrl } from './did-web.js';
import { STATIC_CONTEXTS } from './document-loader.js';
import {
  createTrustWorld,
  ISSUER_DID,
  REVOCATION_LIST_URL,
  sampleOpenBadgeCredential,
  SUSPENSION_LIST_URL,
  tamper,
  type TrustWorld,
} from './testing/fixtures.js';

type Log = { id: string; valid?: boolean; error?: unknown }[];

/**
 * verifier-core takes no document loader, so a stubbed fetch plays the web: the did:web
 * document, our signed status lists and the bundled contexts. Anything else is a 404.
 */
describe('independent verification with @digitalcredentials/verifier-core', () => {
  let world: TrustWorld;
  let signer: ReturnType<typeof createDataIntegritySigner>;
  const served = new Map<string, unknown>();
  const requested: string[] = [];
  const originalFetch = globalThis.fetch;

  async function signAndPublishLists(): Promise<void> {
    for (const url of [REVOCATION_LIST_URL, SUSPENSION_LIST_URL]) {
      served.set(url, await addDataIntegrityProof(world.publish(url), signer, world.loader));
    }
  }

  beforeAll(async () => {
    // verifier-core logs its failed OB schema download (the stub 404s it) to the console.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    world = await createTrustWorld();
    signer = createDataIntegritySigner({ did: ISSUER_DID, ...world.key });
    served.set(didWebDocumentUrl(ISSUER_DID), world.didDocument);
    for (const [url, ctx] of STATIC_CONTEXTS) served.set(url, ctx);
    await signAndPublishLists();
    globalThis.fetch = jest.fn<typeof fetch>((input) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      requested.push(url);
      const body = served.get(url);
      return Promise.resolve(
        body === undefined
          ? new Response('not found', { status: 404 })
          : new Response(JSON.stringify(body), {
              status: 200,
              headers: { 'content-type': 'application/json' },
            }),
      );
    });
  });

  afterAll(() => {
    globalThis.fetch = originalFetch;
    jest.restoreAllMocks();
  });

  const logOf = (result: unknown): Log => (result as { log?: Log }).log ?? [];
  const step = (result: unknown, id: string) => logOf(result).find((s) => s.id === id);

  it('should accept our signed OpenBadgeCredential', async () => {
    const signed = await addDataIntegrityProof(sampleOpenBadgeCredential(), signer, world.loader);
    const result = await verifyCredential({ credential: signed as never, knownDIDRegistries: [] });
    expect((result as { errors?: unknown }).errors).toBeUndefined();
    expect(step(result, 'valid_signature')).toMatchObject({ valid: true });
    expect(step(result, 'expiration')).toMatchObject({ valid: true });
    expect(step(result, 'revocation_status')).toMatchObject({ valid: true });
    expect(requested).toContain(didWebDocumentUrl(ISSUER_DID));
  });

  it('should reject a tampered credential', async () => {
    const signed = await addDataIntegrityProof(sampleOpenBadgeCredential(), signer, world.loader);
    const forged = tamper(signed, ['credentialSubject', 'achievement', 'name'], 'PhD');
    const result = await verifyCredential({ credential: forged as never, knownDIDRegistries: [] });
    // verifier-core reports a bad signature as a fatal error with no step log.
    expect(step(result, 'valid_signature')).toBeUndefined();
    expect((result as { errors?: { name: string }[] }).errors?.[0]?.name).toBe('invalid_signature');
  });

  it('should see a revocation once the list is republished', async () => {
    const signed = await addDataIntegrityProof(
      sampleOpenBadgeCredential(1234),
      signer,
      world.loader,
    );
    world.lists.get(REVOCATION_LIST_URL)?.list.set(1234, true);
    await signAndPublishLists();
    const result = await verifyCredential({ credential: signed as never, knownDIDRegistries: [] });
    expect(step(result, 'valid_signature')).toMatchObject({ valid: true });
    expect(step(result, 'revocation_status')).toMatchObject({ valid: false });
  });
});
