import { signingOperations } from '../../common/metrics/metrics.js';
import type { DocumentLoader } from './document-loader.js';
import { verificationMethodId } from './did-web.js';
import type { CredentialJson } from './vc-jwt.js';

// The Digital Bazaar stack (JSON-LD, RDF canonicalisation) takes a large share of the process's
// start-up to load, and only signing or checking a Data Integrity proof needs it: load it then, once.
let stack: ReturnType<typeof importStack> | undefined;
const loadStack = () => (stack ??= importStack());

// One import after another: they share dependencies, and Jest's ESM loader fails on concurrent
// imports of a shared module.
async function importStack() {
  const vc = await import('@digitalbazaar/vc');
  const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity');
  const { cryptosuite: eddsaRdfc2022 } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
  const Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
  return { vc, DataIntegrityProof, eddsaRdfc2022, Ed25519Multikey };
}

export interface DataIntegritySigningKey {
  /** The issuer DID (did:web:...); the verification method is `<did>#<kid>`. */
  did: string;
  kid: string;
  /** 32-byte private seed. */
  seed: Uint8Array;
  /** 32-byte public key. */
  publicKey: Uint8Array;
}

export interface ProofCheck {
  verificationMethod: string | undefined;
  verified: boolean;
  error?: string;
}

export interface DataIntegrityVerification {
  verified: boolean;
  proofs: ProofCheck[];
  error?: string;
}

/** What DataIntegrityProof needs of a signer (the shape of Ed25519Multikey's `signer()`). */
export interface DataIntegritySigner {
  id: string;
  algorithm: string;
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/**
 * Builds the signer once per key: re-parsing the key for every credential costs nothing useful.
 * The Data Integrity stack (vc, jsonld and their HTTP client: about 0.2 s of CPU to import) is
 * loaded on the first signature, not when a key is read at start-up.
 */
export function createDataIntegritySigner(key: DataIntegritySigningKey): DataIntegritySigner {
  const id = verificationMethodId(key.did, key.kid);
  let signer: Promise<DataIntegritySigner> | undefined;
  const load = async (): Promise<DataIntegritySigner> => {
    const { Ed25519Multikey } = await loadStack();
    const keyPair = await Ed25519Multikey.fromJwk({
      jwk: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(key.publicKey).toString('base64url'),
        // RFC 8037 `d` is the 32-byte seed (not Ed25519Multikey's seed||public 64-byte form).
        d: Buffer.from(key.seed).toString('base64url'),
      },
      secretKey: true,
      id,
      controller: key.did,
    });
    return keyPair.signer();
  };
  return {
    id,
    algorithm: 'Ed25519',
    sign: async (input) => {
      signer ??= load();
      return (await signer).sign(input);
    },
  };
}

/** Adds an `eddsa-rdfc-2022` DataIntegrityProof (proofPurpose assertionMethod); input untouched. */
export async function addDataIntegrityProof(
  credential: CredentialJson,
  signer: DataIntegritySigner | DataIntegritySigningKey,
  documentLoader: DocumentLoader,
  created: Date = new Date(),
): Promise<CredentialJson> {
  const resolved = 'sign' in signer ? signer : createDataIntegritySigner(signer);
  const { vc, DataIntegrityProof, eddsaRdfc2022 } = await loadStack();
  const suite = new DataIntegrityProof({
    signer: resolved,
    date: created,
    cryptosuite: eddsaRdfc2022,
  });
  signingOperations.inc({ kind: 'data-integrity' });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader });
}

/**
 * Checks every proof: signature, that the key is listed under the issuer DID's assertionMethod,
 * and the credential's validity dates. Status is NOT decided here (a revoked credential still
 * carries a genuine proof): read the bits with status-list.ts.
 */
export async function verifyDataIntegrityProof(
  credential: CredentialJson,
  documentLoader: DocumentLoader,
  now?: Date,
): Promise<DataIntegrityVerification> {
  const { vc, DataIntegrityProof, eddsaRdfc2022 } = await loadStack();
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    now,
    // Status is read separately: the status list's own proof is checked where it is loaded.
    checkStatus: () => Promise.resolve({ verified: true }),
  });
  const proofs = (result.results ?? []).map((r) => ({
    verificationMethod: proofMethod(r.proof),
    verified: r.verified,
    ...(r.verified ? {} : { error: errorMessage(r.error) }),
  }));
  return {
    verified: result.verified,
    proofs,
    ...(result.verified ? {} : { error: errorMessage(result.error ?? firstError(result.results)) }),
  };
}

function proofMethod(proof: unknown): string | undefined {
  if (typeof proof !== 'object' || proof === null) return undefined;
  const vm = (proof as { verificationMethod?: unknown }).verificationMethod;
  return typeof vm === 'string' ? vm : undefined;
}

function firstError(results: { error?: unknown }[] | undefined): unknown {
  return results?.find((r) => r.error !== undefined)?.error;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    // jsonld-signatures wraps causes in a VerificationError with an `errors` array.
    const inner = (error as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0) {
      return inner.map((e) => (e instanceof Error ? e.message : 'unknown error')).join('; ');
    }
    return error.message;
  }
  return typeof error === 'string' ? error : 'Verification failed.';
}
