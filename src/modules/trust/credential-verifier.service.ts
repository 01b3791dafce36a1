import { Injectable } from '@nestjs/common';
import {
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import { ValidationError } from '../../common/errors/app-error.js';
import { verifyDataIntegrityProof } from './data-integrity.js';
import { DidDocumentsService } from './did-documents.service.js';
import { VC_V2_CONTEXT } from './document-loader.js';
import { IssuerDirectory } from './issuer-directory.js';
import { ownerLabel, type KeyOwner } from './key-owner.js';
import { KeysService, type PublishedKey } from './keys.service.js';
import { StatusListsService } from './status-lists.service.js';
import type { StatusPurpose } from './status-list.js';
import { TrustUrls } from './trust-urls.js';
import { issuerId, verifyVcJwt, VC_JWT_ALG, VC_JWT_TYP, type CredentialJson } from './vc-jwt.js';
import {
  datesCheck,
  fail,
  keyWindowCheck,
  pass,
  report,
  skip,
  type VerificationCheck,
  type VerificationReport,
} from './verification-checks.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

interface Signed {
  credential: CredentialJson;
  kid: string | undefined;
  checkSignature: () => Promise<
    { ok: true; signedAt: Date | undefined } | { ok: false; detail: string }
  >;
}

/**
 * Verifies a credential we issued, in either form, reporting each check separately: signature
 * (against the key published for its kid, inside that key's window), issuer (ours, recognised,
 * and the key is that issuer's), dates, and the revocation and suspension bits read straight
 * from our own lists (not over HTTP).
 */
@Injectable()
export class CredentialVerifierService {
  constructor(
    private readonly keys: KeysService,
    private readonly dids: DidDocumentsService,
    private readonly statusLists: StatusListsService,
    private readonly issuers: IssuerDirectory,
    private readonly urls: TrustUrls,
  ) {}

  async verify(input: unknown, now = new Date()): Promise<VerificationReport> {
    const parsed = typeof input === 'string' ? this.parseJwt(input) : this.parseDocument(input);
    if ('problem' in parsed) return report([fail('format', parsed.problem)]);
    const { credential, kid } = parsed;

    const key = kid ? await this.keys.publicKeyByKid(kid) : undefined;
    const signature = await this.signatureCheck(parsed, key);
    const issuer = await this.issuerCheck(credential, key);
    return report([
      pass(
        'format',
        typeof input === 'string' ? 'VC-JWT (vc+jwt).' : 'Data Integrity (eddsa-rdfc-2022).',
      ),
      signature,
      issuer,
      datesCheck(credential, now),
      ...(await this.statusChecks(credential)),
    ]);
  }

  private parseJwt(jwt: string): Signed | { problem: string } {
    if (!COMPACT_JWS.test(jwt.trim())) {
      throw new ValidationError(
        'VC.MALFORMED',
        'The credential is neither a compact JWS nor a JSON object.',
      );
    }
    let header: ProtectedHeaderParameters;
    let payload: JWTPayload;
    try {
      header = decodeProtectedHeader(jwt);
      payload = decodeJwt(jwt);
    } catch {
      throw new ValidationError('VC.MALFORMED', 'The JWS header or payload is not base64url JSON.');
    }
    if (header.alg !== VC_JWT_ALG) return { problem: `Unsupported alg "${String(header.alg)}".` };
    if (header.typ !== VC_JWT_TYP) return { problem: `typ must be "${VC_JWT_TYP}".` };
    const credential: CredentialJson = { ...payload };
    delete credential.iat;
    const shape = vcShapeProblem(credential);
    if (shape) return { problem: shape };
    return {
      credential,
      kid: header.kid,
      checkSignature: async () => {
        try {
          const verified = await verifyVcJwt(jwt.trim(), async (kid) => {
            const key = await this.keys.publicKeyByKid(kid);
            return key ? { ...key.publicJwk } : undefined;
          });
          const at =
            verified.issuedAt === undefined ? undefined : new Date(verified.issuedAt * 1000);
          return { ok: true, signedAt: at };
        } catch (error) {
          return { ok: false, detail: error instanceof Error ? error.message : 'Bad signature.' };
        }
      },
    };
  }

  private parseDocument(input: unknown): Signed | { problem: string } {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new ValidationError(
        'VC.MALFORMED',
        'The credential is neither a compact JWS nor a JSON object.',
      );
    }
    const credential = input as CredentialJson;
    const shape = vcShapeProblem(credential);
    if (shape) return { problem: shape };
    const proof = credential.proof;
    if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) {
      return { problem: 'Expected exactly one proof object.' };
    }
    const { type, cryptosuite, verificationMethod, created } = proof as Record<string, unknown>;
    if (type !== 'DataIntegrityProof' || cryptosuite !== 'eddsa-rdfc-2022') {
      return { problem: 'Expected a DataIntegrityProof with cryptosuite eddsa-rdfc-2022.' };
    }
    if (typeof verificationMethod !== 'string' || !verificationMethod.includes('#')) {
      return { problem: 'The proof names no verification method.' };
    }
    const kid = verificationMethod.slice(verificationMethod.indexOf('#') + 1);
    return {
      credential,
      kid,
      checkSignature: async () => {
        // Dates are judged separately: verify "as of" the credential's own start so an expired
        // credential still shows a genuine signature.
        const asOf =
          typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : undefined;
        const result = await verifyDataIntegrityProof(credential, this.dids.loader, asOf);
        if (!result.verified) return { ok: false, detail: result.error ?? 'Bad signature.' };
        return { ok: true, signedAt: typeof created === 'string' ? new Date(created) : undefined };
      },
    };
  }

  private async signatureCheck(
    signed: Signed,
    key: PublishedKey | undefined,
  ): Promise<VerificationCheck> {
    if (!signed.kid) return fail('signature', 'No key id.');
    if (!key) return fail('signature', `Key ${signed.kid} is not one the registry publishes.`);
    const outcome = await signed.checkSignature();
    if (!outcome.ok) return fail('signature', outcome.detail);
    return keyWindowCheck(outcome.signedAt, key);
  }

  private async issuerCheck(
    credential: CredentialJson,
    key: PublishedKey | undefined,
  ): Promise<VerificationCheck> {
    const did = issuerId(credential);
    const owner = did ? this.urls.ownerOfDid(did) : undefined;
    if (!did || !owner)
      return fail('issuer', `${did ?? 'No issuer'} is not the registry or a body it recognises.`);
    if (key && ownerLabel(key.owner) !== ownerLabel(owner)) {
      return fail('issuer', `Key ${key.kid} does not belong to ${did}.`);
    }
    if (owner.kind === 'registry') return pass('issuer', 'Issued by the registry.');
    const facts = await this.issuers.find(owner.issuerId);
    if (!facts) return fail('issuer', `${did} is not a body the registry knows.`);
    if (facts.status !== 'recognised') {
      return fail(
        'issuer',
        `${facts.name} is no longer recognised by the registry (${facts.status}).`,
      );
    }
    return pass('issuer', `Issued by ${facts.name}, recognised by the registry.`);
  }

  private async statusChecks(credential: CredentialJson): Promise<VerificationCheck[]> {
    const raw = credential.credentialStatus;
    const entries = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) as unknown[];
    const did = issuerId(credential);
    const owner = did ? this.urls.ownerOfDid(did) : undefined;
    return Promise.all(
      (['revocation', 'suspension'] as const).map((purpose) =>
        this.statusCheck(purpose, entries, owner),
      ),
    );
  }

  private async statusCheck(
    purpose: StatusPurpose,
    entries: unknown[],
    owner: KeyOwner | undefined,
  ): Promise<VerificationCheck> {
    const entry = entries.find(
      (e): e is Record<string, unknown> =>
        typeof e === 'object' &&
        e !== null &&
        (e as { statusPurpose?: unknown }).statusPurpose === purpose,
    );
    if (!entry) return skip(purpose, `No ${purpose} status entry.`);
    const { type, statusListCredential, statusListIndex } = entry;
    if (
      type !== 'BitstringStatusListEntry' ||
      typeof statusListCredential !== 'string' ||
      typeof statusListIndex !== 'string' ||
      !/^(0|[1-9]\d*)$/.test(statusListIndex)
    ) {
      return fail(purpose, 'Malformed BitstringStatusListEntry.');
    }
    const listId = this.urls.statusListIdOf(statusListCredential);
    const list = listId ? await this.statusLists.find(listId) : null;
    if (!list) return fail(purpose, `${statusListCredential} is not one of the registry's lists.`);
    if (list.purpose !== purpose) return fail(purpose, 'The list serves another purpose.');
    const listOwner: KeyOwner =
      list.ownerId === null ? { kind: 'registry' } : { kind: 'issuer', issuerId: list.ownerId };
    if (!owner || ownerLabel(owner) !== ownerLabel(listOwner)) {
      return fail(purpose, 'The status list belongs to another issuer.');
    }
    const index = Number(statusListIndex);
    if (index >= list.size) return fail(purpose, 'The index is outside the list.');
    const set = await this.statusLists.isSet(list, index);
    const word = purpose === 'revocation' ? 'revoked' : 'suspended';
    return set ? fail(purpose, `The credential is ${word}.`) : pass(purpose, `Not ${word}.`);
  }
}

function vcShapeProblem(credential: CredentialJson): string | undefined {
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) {
    return 'Not a VC 2.0 credential (@context).';
  }
  const type = credential.type;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential')) {
    return 'Not a VerifiableCredential (type).';
  }
  return undefined;
}
