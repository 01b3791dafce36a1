import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/app-error.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import type { Principal } from '../auth/principal.js';
import type { Credential } from '../credentials/credential.entity.js';
import { CredentialSharingService } from '../credentials/credential-sharing.service.js';
import { effectiveStatus } from '../credentials/credential-status.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { PROVENANCE_LABELS } from '../register/dto/register-entry.dto.js';
import { PublicEntryService } from '../register/public-entry.service.js';
import { CredentialVcService } from '../trust/credential-vc.service.js';
import { CredentialVerifierService } from '../trust/credential-verifier.service.js';
import { TrustUrls } from '../trust/trust-urls.js';
import { assurance } from './assurance-text.js';
import type {
  OwnCredentialDto,
  OwnCredentialPageDto,
  PublicCredentialDto,
} from './dto/public-credential.dto.js';
import { linkedInAddToProfileUrl } from './linkedin-link.js';

/** Missing, not consented and not on the register all read the same: existence is not revealed. */
export class PublicCredentialNotFoundError extends NotFoundError {
  constructor() {
    super('CREDENTIAL.NO_PUBLIC_PAGE', 'No public credential page has that id.');
  }
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A credential's public verification page: shown only with its holder's consent, with the holder
 * as the public register shows them, a live check of a freshly signed copy, and plain words on what
 * that proves.
 */
@Injectable()
export class PublicCredentialsService {
  constructor(
    private readonly sharing: CredentialSharingService,
    private readonly practitioners: PractitionersService,
    private readonly entries: PublicEntryService,
    private readonly vcs: CredentialVcService,
    private readonly verifier: CredentialVerifierService,
    private readonly urls: TrustUrls,
  ) {}

  async page(id: string): Promise<PublicCredentialDto> {
    const credential = await this.sharing.findPublic(id);
    if (!credential) throw new PublicCredentialNotFoundError();
    const registerNumber = (
      await this.practitioners.registerNumbersByIds([credential.practitionerId])
    ).get(credential.practitionerId);
    if (!registerNumber) throw new PublicCredentialNotFoundError();
    const entry = await this.entries.today(registerNumber, today()).catch((error: unknown) => {
      // Someone not (or no longer) on the public register has no public credential pages either.
      throw error instanceof NotFoundError ? new PublicCredentialNotFoundError() : error;
    });
    const checkedAt = new Date();
    const signedCredential = await this.vcs.jwtFor(credential);
    const report = await this.verifier.verify(signedCredential, checkedAt);
    const status = effectiveStatus(credential.status, credential.validUntil, today());
    const holderName = `${entry.entry.givenName} ${entry.entry.familyName}`;
    const pageUrl = this.pageUrl(credential.id);
    return {
      id: credential.id,
      pageUrl,
      kind: credential.kind,
      title: credential.title,
      subject: credential.subject,
      level: credential.level,
      result: credential.result,
      awardingBody: credential.awardingBody,
      awardedOn: credential.awardedOn,
      validUntil: credential.validUntil,
      status,
      provenance: credential.provenance,
      provenanceLabel: PROVENANCE_LABELS[credential.provenance],
      holder: {
        name: holderName,
        registerNumber,
        registerStatus: entry.entry.registerStatus,
        entryUrl: `/${API_PREFIX}/register/${registerNumber}`,
      },
      verification: {
        verified: report.verified,
        checkedAt: checkedAt.toISOString(),
        checks: report.checks,
      },
      ...assurance({
        holderName,
        registerNumber,
        awardingBody: credential.awardingBody,
        provenance: credential.provenance,
        status,
        validUntil: credential.validUntil,
        verified: report.verified,
      }),
      linkedInUrl: linkedInAddToProfileUrl({
        name: credential.title,
        organizationName: credential.awardingBody,
        issuedOn: credential.awardedOn,
        expiresOn: credential.validUntil,
        certId: credential.id,
        certUrl: pageUrl,
      }),
      signedCredential,
    };
  }

  async listOwn(by: Principal, page: number, pageSize: number): Promise<OwnCredentialPageDto> {
    const all = await this.sharing.listOwn(by);
    return {
      items: all.slice((page - 1) * pageSize, page * pageSize).map((c) => this.own(c)),
      total: all.length,
      page,
      pageSize,
    };
  }

  async setPublicPage(by: Principal, id: string, enabled: boolean): Promise<OwnCredentialDto> {
    return this.own(await this.sharing.setPublicPage(by, id, enabled));
  }

  private own(c: Credential): OwnCredentialDto {
    return {
      id: c.id,
      title: c.title,
      awardingBody: c.awardingBody,
      kind: c.kind,
      awardedOn: c.awardedOn,
      validUntil: c.validUntil,
      status: effectiveStatus(c.status, c.validUntil, today()),
      provenance: c.provenance,
      publicPage: c.publicPage,
      pageUrl: this.pageUrl(c.id),
    };
  }

  private pageUrl(id: string): string {
    return `${this.urls.baseUrl}/credentials/${id}`;
  }
}
