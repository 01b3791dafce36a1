import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import type { Principal } from '../auth/principal.js';
import type { Credential } from '../credentials/credential.entity.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { IssuersService } from '../issuers/issuers.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { RoleStandardsService } from '../roles/role-standards.service.js';
import type { VcForm } from './content-negotiation.js';
import { ownerLabel, ownerOf, type KeyOwner } from './key-owner.js';
import { type OpenBadgeCompetence, renderOpenBadge } from './open-badge.js';
import { SignedCredential } from './signed-credential.entity.js';
import { StatusListsService } from './status-lists.service.js';
import { TrustUrls } from './trust-urls.js';
import { TrustService } from './trust.service.js';
import type { CredentialJson } from './vc-jwt.js';

export const REGISTRY_NAME = 'Digital Leadership Registry';

/**
 * A credential as a signed Open Badges 3.0 credential. The Data Integrity form is signed on first
 * request and kept (keyed by a digest of the unsigned document, so a renewal re-signs it); the
 * JWT form is cheap and signed per request.
 */
@Injectable()
export class CredentialVcService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsService,
    private readonly practitioners: PractitionersService,
    private readonly issuers: IssuersService,
    private readonly statusLists: StatusListsService,
    private readonly trust: TrustService,
    private readonly urls: TrustUrls,
    private readonly standards: RoleStandardsService,
  ) {}

  async signed(id: string, by: Principal, form: VcForm): Promise<string | CredentialJson> {
    const credential = await this.visible(id, by);
    const owner = ownerOf(credential.issuerId);
    const document = await this.render(credential, owner);
    if (form === 'jwt') return this.trust.signCredentialJwt(document, owner);

    const digest = createHash('sha256')
      .update(ownerLabel(owner))
      .update(canonicalize(document) ?? '')
      .digest('hex');
    const repo = this.dataSource.getRepository(SignedCredential);
    const kept = await repo.findOneBy({ credentialId: id });
    if (kept?.digest === digest) return kept.document;
    const { document: signed, kid } = await this.trust.signCredentialDataIntegrity(document, owner);
    await repo.save(repo.create({ credentialId: id, digest, kid, document: signed }));
    return signed;
  }

  /**
   * The credential as a VC-JWT signed now, for someone already allowed to see it (a public page
   * its holder consented to): cheap enough to sign per request, and checkable by anyone.
   */
  async jwtFor(credential: Credential): Promise<string> {
    const owner = ownerOf(credential.issuerId);
    return this.trust.signCredentialJwt(await this.render(credential, owner), owner);
  }

  private async visible(id: string, by: Principal): Promise<Credential> {
    const credential = await this.credentials.getById(id).catch(() => null);
    const allowed =
      credential !== null &&
      (by.role === 'registrar' ||
        (by.issuerId !== null && credential.issuerId === by.issuerId) ||
        (by.practitionerId !== null && credential.practitionerId === by.practitionerId));
    // Someone else's credential is indistinguishable from a missing one.
    if (!credential || !allowed) {
      throw new NotFoundError('CREDENTIAL.NOT_FOUND', 'No such credential.');
    }
    return credential;
  }

  private async render(c: Credential, owner: KeyOwner): Promise<CredentialJson> {
    const practitioner = await this.practitioners.getById(c.practitionerId);
    const issuer = c.issuerId ? await this.issuers.get(c.issuerId) : null;
    const registrations = practitioner.visibility.professionalRegistrations
      ? (practitioner.registrations ?? []).filter((r) => r.current)
      : [];
    let status = null;
    if (c.statusListId !== null && c.statusListIndex !== null) {
      const pair = await this.statusLists.pairOf(c.statusListId);
      status = {
        revocationUrl: this.urls.statusListUrl(pair.revocation),
        suspensionUrl: this.urls.statusListUrl(pair.suspension),
        index: c.statusListIndex,
      };
    }
    return renderOpenBadge({
      credentialId: c.id,
      baseUrl: this.urls.baseUrl,
      issuer: {
        did: this.urls.didFor(owner),
        name: issuer?.name ?? REGISTRY_NAME,
        url: issuer ? issuer.website : this.urls.baseUrl,
      },
      kind: c.kind,
      title: c.title,
      subject: c.subject,
      level: c.level,
      result: c.result,
      awardedOn: c.awardedOn,
      validUntil: c.validUntil,
      registerNumber: practitioner.registerNumber,
      registrations: registrations.map((r) => ({ body: r.body, number: r.number })),
      status,
      competences: await this.competencesOf(c.competences),
    });
  }

  private async competencesOf(held: Credential['competences']): Promise<OpenBadgeCompetence[]> {
    if (held.length === 0) return [];
    const known = new Map((await this.standards.listCompetences()).map((c) => [c.code, c]));
    return held.map((h) => {
      const c = known.get(h.competence);
      return {
        code: h.competence,
        level: h.level,
        name: c?.name ?? h.competence,
        framework: c ? `${c.framework} (${c.frameworkVersion})` : 'Competence vocabulary',
        url: c?.sourceUrl ?? null,
      };
    });
  }
}
