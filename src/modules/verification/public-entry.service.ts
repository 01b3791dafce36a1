import { Injectable } from '@nestjs/common';
import type { Credential } from '../credentials/credential.entity.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { StandingService } from '../credentials/standing.service.js';
import type { Practitioner } from '../practitioners/practitioner.entity.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import {
  PROVENANCE_LABELS,
  type PendingClaimDto,
  type PublicCredentialDto,
  type RegisterEntryDto,
  type PublicRoleStandingDto,
} from './dto/register-entry.dto.js';
import { credentialAsOf, registerStatusAsOf, type AsOf } from './point-in-time.js';
import { NotOnRegisterYetError } from './verification.errors.js';
import { type ClaimRow, VerificationRepository } from './verification.repository.js';

export interface CredentialAsOf {
  credential: Credential;
  status: PublicCredentialDto['status'];
  validUntil: string | null;
}

/** The public entry as it stood on a date, built in one place for the API, pages and share codes. */
@Injectable()
export class PublicEntryService {
  constructor(
    private readonly practitioners: PractitionersService,
    private readonly credentials: CredentialsService,
    private readonly standings: StandingService,
    private readonly repository: VerificationRepository,
  ) {}

  /**
   * Every credential that existed at `asOf`, with its status then. `public` reads a replica when
   * there is one (the register entry); claim checks and share codes keep to the primary.
   */
  async credentialsAsOf(
    practitionerId: string,
    asOf: AsOf,
    from: 'primary' | 'public' = 'primary',
  ): Promise<CredentialAsOf[]> {
    const { credentials, changes } =
      from === 'public'
        ? await this.repository.publicCredentials(practitionerId)
        : await this.primaryCredentials(practitionerId);
    return credentials.flatMap((credential) => {
      const own = changes.filter((c) => c.credentialId === credential.id);
      const then = credentialAsOf(credential, own, asOf);
      return then === null
        ? []
        : [{ credential, status: then.status, validUntil: then.validUntil }];
    });
  }

  private async primaryCredentials(practitionerId: string) {
    const credentials = await this.credentials.listForPractitioner(practitionerId);
    const changes = await this.credentials.statusChangesFor(credentials.map((c) => c.id));
    return { credentials, changes };
  }

  async build(
    practitioner: Practitioner,
    asOf: AsOf,
    full = false,
    from: 'primary' | 'public' = 'primary',
  ): Promise<RegisterEntryDto> {
    const history = await this.practitioners.statusHistory(practitioner.id);
    const current = registerStatusAsOf(history, asOf);
    if (current === null) throw new NotOnRegisterYetError(asOf.date);
    const [credentials, claims, standings] = await Promise.all([
      this.credentialsAsOf(practitioner.id, asOf, from),
      this.repository.claimsFor(practitioner.id),
      this.standings.standingsFor(practitioner.id, asOf.date),
    ]);
    const visibility = practitioner.visibility;
    const showAppointments = full || visibility.appointments;
    const roles: PublicRoleStandingDto[] = standings
      .filter((s) => (showAppointments && s.appointed) || s.result.standing !== 'not-certified')
      .map((s) => ({
        role: s.role.code,
        title: s.role.title,
        standing: s.result.standing,
        appointed: showAppointments && s.appointed,
        appointedOn: showAppointments ? appointedOn(practitioner, s.role.code, asOf.date) : null,
        asOf: asOf.date,
        reasons: s.result.reasons.map((r) => r.message),
      }));
    return {
      registerNumber: practitioner.registerNumber,
      givenName: practitioner.givenName,
      familyName: practitioner.familyName,
      formerNames: full || visibility.formerNames ? practitioner.formerNames : [],
      asOf: asOf.date,
      registerStatus: current.toStatus,
      conditions: current.conditions,
      statusHistory: history
        .filter((h) => h.changedAt.getTime() <= asOf.instant.getTime())
        .map((h) => ({
          status: h.toStatus,
          conditions: h.conditions,
          from: h.changedAt.toISOString(),
        })),
      roles,
      credentials: credentials.map(toPublicCredential),
      pendingClaims: claims.filter((c) => pendingAt(c, asOf)).map(toPendingClaim),
      professionalRegistrations:
        full || visibility.professionalRegistrations
          ? (practitioner.registrations ?? []).map((r) => ({
              body: r.body,
              number: r.number,
              current: r.current,
              checkedWithRegister: false as const,
            }))
          : [],
    };
  }
}

function appointedOn(practitioner: Practitioner, role: string, on: string): string | null {
  const held = (practitioner.appointments ?? []).find(
    (a) => a.roleCode === role && a.startDate <= on && (a.endDate === null || a.endDate >= on),
  );
  return held?.startDate ?? null;
}

/** A claim counts as pending on a date if it was declared by then and not yet decided. */
function pendingAt(claim: ClaimRow, asOf: AsOf): boolean {
  if (claim.createdAt.getTime() > asOf.instant.getTime()) return false;
  if (claim.status === 'pending') return true;
  return (
    claim.decidedAt !== null &&
    claim.decidedAt.getTime() > asOf.instant.getTime() &&
    claim.status !== 'withdrawn'
  );
}

export function toPublicCredential({
  credential: c,
  status,
  validUntil,
}: CredentialAsOf): PublicCredentialDto {
  return {
    kind: c.kind,
    title: c.title,
    subject: c.subject,
    level: c.level,
    result: c.result,
    awardingBody: c.awardingBody,
    awardedOn: c.awardedOn,
    validUntil,
    status,
    provenance: c.provenance,
    provenanceLabel: PROVENANCE_LABELS[c.provenance],
  };
}

function toPendingClaim(c: ClaimRow): PendingClaimDto {
  return {
    kind: c.kind,
    title: c.title,
    awardingBody: c.awardingBody,
    awardingBodyRecognised: c.awardingBodyRecognised,
    awardedOn: c.awardedOn,
    status: 'awaiting-confirmation',
    provenance: 'self-declared',
    note: 'Declared by the practitioner; awaiting confirmation by the awarding body.',
  };
}
