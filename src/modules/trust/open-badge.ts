import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader.js';
import { buildStatusListEntry } from './status-list.js';
import type { CredentialJson } from './vc-jwt.js';

export type OpenBadgeKind = 'degree' | 'certificate' | 'registration' | 'cpd';

export interface OpenBadgeInput {
  credentialId: string;
  /** Base of our own URLs (https://host), for the achievement's id. */
  baseUrl: string;
  issuer: { did: string; name: string; url: string | null };
  kind: OpenBadgeKind;
  title: string;
  subject: string | null;
  /** RQF/FHEQ level 1-8. */
  level: number | null;
  result: string | null;
  awardedOn: string;
  validUntil: string | null;
  registerNumber: string;
  registrations: { body: string; number: string }[];
  status: { revocationUrl: string; suspensionUrl: string; index: number } | null;
  /** The competences it evidences (its programme's mapping), each an alignment. */
  competences?: OpenBadgeCompetence[];
}

export interface OpenBadgeCompetence {
  code: string;
  level: string;
  name: string;
  framework: string;
  url: string | null;
}

// The government's explanation of RQF/FHEQ levels: the alignment target a level points at.
const LEVELS_URL =
  'https://www.gov.uk/what-different-qualification-levels-mean/list-of-qualification-levels';

/**
 * An Open Badges 3.0 OpenBadgeCredential for one credential on the register. Every property is
 * a term the VC 2.0 or OB 3.0.3 context defines (strict Data Integrity signing refuses others):
 * the qualification level is an `alignment` to the RQF/FHEQ level, not an invented `level`.
 */
export function renderOpenBadge(input: OpenBadgeInput): CredentialJson {
  const kindLabel = KIND_LABEL[input.kind];
  const alignment: Record<string, unknown>[] = [
    ...(input.level !== null
      ? [
          {
            type: ['Alignment'],
            targetName: `Level ${input.level}`,
            targetDescription:
              'Qualification level in the RQF / FHEQ frameworks (England, Wales, Northern Ireland).',
            targetFramework: 'Regulated Qualifications Framework (RQF) and FHEQ',
            targetCode: String(input.level),
            targetUrl: LEVELS_URL,
          },
        ]
      : []),
    ...(input.competences ?? []).map((c) => ({
      type: ['Alignment'],
      targetName: `${c.name} (${c.level})`,
      targetDescription: `Evidences ${c.name} at ${c.level} level.`,
      targetFramework: c.framework,
      targetCode: `${c.code}:${c.level}`,
      targetType: 'ceasn:Competency',
      targetUrl: c.url ?? `${input.baseUrl}/api/v1/competences`,
    })),
  ];
  const achievement: Record<string, unknown> = {
    id: `${input.baseUrl}/api/v1/credentials/${input.credentialId}#achievement`,
    type: ['Achievement'],
    achievementType: achievementType(input.kind, input.level),
    name: input.title,
    description: `${kindLabel} awarded by ${input.issuer.name}${input.subject ? ` in ${input.subject}` : ''}.`,
    criteria: {
      narrative: `Met the requirements of ${input.issuer.name} for the award of ${input.title}.`,
    },
    ...(input.subject ? { fieldOfStudy: input.subject } : {}),
    ...(alignment.length > 0 ? { alignment } : {}),
  };
  const identifier = [
    identity('identifier', input.registerNumber),
    ...input.registrations.map((r) => identity(`ext:${r.body}RegistrationNumber`, r.number)),
  ];
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${input.credentialId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: input.issuer.did,
      type: ['Profile'],
      name: input.issuer.name,
      ...(input.issuer.url ? { url: input.issuer.url } : {}),
    },
    name: input.title,
    validFrom: `${input.awardedOn}T00:00:00Z`,
    ...(input.validUntil ? { validUntil: `${input.validUntil}T23:59:59Z` } : {}),
    awardedDate: `${input.awardedOn}T00:00:00Z`,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier,
      achievement,
      ...(input.result ? { result: [{ type: ['Result'], value: input.result }] } : {}),
    },
    ...(input.status
      ? {
          credentialStatus: [
            buildStatusListEntry(input.status.revocationUrl, 'revocation', input.status.index),
            buildStatusListEntry(input.status.suspensionUrl, 'suspension', input.status.index),
          ],
        }
      : {}),
  };
}

const KIND_LABEL: Record<OpenBadgeKind, string> = {
  degree: 'Degree',
  certificate: 'Certificate',
  registration: 'Registration',
  cpd: 'Continuing professional development',
};

function achievementType(kind: OpenBadgeKind, level: number | null): string {
  switch (kind) {
    case 'degree':
      if (level === 6) return 'BachelorDegree';
      if (level === 7) return 'MasterDegree';
      if (level === 8) return 'DoctoralDegree';
      return 'Degree';
    case 'certificate':
      return 'Certificate';
    case 'registration':
      return 'License';
    case 'cpd':
      return 'Course';
  }
}

function identity(identityType: string, value: string): Record<string, unknown> {
  return { type: 'IdentityObject', identityHash: value, identityType, hashed: false };
}
