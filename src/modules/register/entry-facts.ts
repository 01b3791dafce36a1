import type { CredentialStatus } from '../credentials/credential-status.js';
import type { Provenance } from '../credentials/credential.entity.js';
import type { StandingFacts, StandingRoleFacts } from '../credentials/role-standings.js';
import type { ClaimStatus } from '../claims/claim.entity.js';
import type { Visibility } from '../practitioners/practitioner.entity.js';
import type { CredentialKind, RegisterStatus } from '../roles/role-standing.js';

/** Everything a public entry is made from, for one practitioner, as the register module reads it. */
export interface EntryFacts extends StandingFacts {
  id: string;
  registerNumber: string;
  givenName: string;
  familyName: string;
  formerNames: string[];
  visibility: Visibility;
  /** Names held, oldest first (validTo null: in use now); may be empty for rows made by scripts. */
  names: NamePeriod[];
  history: { toStatus: RegisterStatus; conditions: string | null; changedAt: Date }[];
  credentials: EntryCredentialFacts[];
  changes: {
    credentialId: string;
    toStatus: CredentialStatus;
    changedAt: Date;
    validUntil: string | null;
  }[];
  claims: EntryClaimFacts[];
  registrations: { body: string; number: string; current: boolean }[];
  appointments: { roleCode: string; startDate: string; endDate: string | null }[];
}

export interface NamePeriod {
  givenName: string;
  familyName: string;
  validFrom: Date;
  validTo: Date | null;
}

export interface EntryCredentialFacts {
  id: string;
  kind: CredentialKind;
  title: string;
  subject: string | null;
  level: number | null;
  result: string | null;
  awardingBody: string;
  awardedOn: string;
  validUntil: string | null;
  status: CredentialStatus;
  provenance: Provenance;
  cpdHours: number | null;
  createdAt: Date;
}

export interface EntryClaimFacts {
  kind: CredentialKind;
  title: string;
  awardingBody: string;
  awardingBodyRecognised: boolean;
  awardedOn: string;
  status: ClaimStatus;
  createdAt: Date;
  decidedAt: Date | null;
}

export type EntryRole = StandingRoleFacts;
