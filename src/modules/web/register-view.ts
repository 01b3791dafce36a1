import { foldedWords } from '../verification/text-folding.js';
import { formatDate } from './format.js';
import { asArray, asObject, text } from './json-read.js';
import {
  claimStatusTag,
  credentialStatusTag,
  provenanceTag,
  registerStatusTag,
  standingTag,
  type TagView,
} from './tags.js';

export interface StandingView {
  role: string;
  tag: TagView;
  reasons: string[];
  /** Under which route and version of the role's standard, when one certifies. */
  basis: string | null;
  roleCode: string;
}

const ROUTE_NAMES: Record<string, string> = {
  qualification: 'a recognised qualification',
  'assessed-portfolio': 'the experience route (assessed portfolio)',
  'clinical-registration': 'clinical registration and a shorter programme',
};

function basisOf(s: unknown): string | null {
  const route = text(s, 'route');
  const version = asObject(s).standardVersion;
  if (!route || typeof version !== 'number') return null;
  const kept = asObject(s).grandfathered === true ? ', kept until renewal' : '';
  return `Certified through ${ROUTE_NAMES[route] ?? route}, under version ${version} of the standard${kept}`;
}

export interface SearchResultView {
  registerNumber: string;
  name: string;
  formerNames: string[];
  status: TagView;
  /** Roles held today (when the practitioner makes appointments public). */
  roles: string[];
  /** Standing in the role the search filtered on. */
  standing: TagView | null;
  /** Found by a name search that tolerates typos, without every word typed: a similar name. */
  approximate: boolean;
}

export interface CredentialView {
  title: string;
  awardingBody: string;
  details: string;
  awardedOn: string;
  validUntil: string;
  provenance: TagView;
  status: TagView;
}

export interface EntryView {
  registerNumber: string;
  name: string;
  formerNames: string[];
  status: TagView;
  conditions: string;
  standings: StandingView[];
  credentials: CredentialView[];
  pendingClaims: { title: string; awardingBody: string; recognised: boolean; tag: TagView }[];
  claims: {
    title: string;
    awardingBody: string;
    awardedOn: string;
    tag: TagView;
    reason: string;
  }[];
  purpose: string;
  sharedUntil: string;
  history: { date: string; status: TagView; reason: string }[];
  registrationsText: string;
  appointments: { role: string; organisation: string; since: string; until: string }[];
}

export const fullName = (o: unknown) =>
  text(o, 'name', 'displayName') ||
  [text(o, 'givenName'), text(o, 'familyName')].filter(Boolean).join(' ');

export function standingsOf(o: unknown): StandingView[] {
  const list = asArray(asObject(o).standings ?? asObject(o).roles ?? asObject(o).roleStandings);
  return list.map((s) => {
    const result = asObject(asObject(s).result);
    const standing = text(s, 'standing') || text(result, 'standing');
    const role = asObject(asObject(s).role);
    return {
      role:
        text(role, 'title', 'code') || text(s, 'roleTitle', 'title', 'role', 'roleCode', 'code'),
      tag: standingTag(standing),
      reasons: asArray(asObject(s).reasons ?? result.reasons)
        .map((r) => text(r, 'message') || text({ r }, 'r'))
        .filter(Boolean),
      basis: standing === 'certified' ? basisOf(s) : null,
      roleCode: text(s, 'role', 'roleCode') || text(role, 'code'),
    };
  });
}

/**
 * Name search forgives typos, so a row may carry a name other than the one typed. It is exact when
 * each word typed starts a word of the name (or of a former name, when that is what matched).
 */
export function isApproximateMatch(item: unknown, q: string): boolean {
  const matchedOn = text(item, 'matchedOn');
  if (matchedOn !== 'name' && matchedOn !== 'former-name') return false;
  const names = [
    fullName(item),
    ...asArray(asObject(item).formerNames).map((n) => text({ n }, 'n')),
  ];
  const words = foldedWords(names.join(' '));
  return !foldedWords(q).every((typed) => words.some((w) => w.startsWith(typed)));
}

export function searchResultView(item: unknown, q = ''): SearchResultView {
  const standing = text(item, 'standing');
  const roles = asArray(asObject(item).currentRoles).filter(
    (r): r is string => typeof r === 'string',
  );
  return {
    registerNumber: text(item, 'registerNumber'),
    name: fullName(item),
    formerNames: asArray(asObject(item).formerNames).filter(
      (n): n is string => typeof n === 'string',
    ),
    status: registerStatusTag(text(item, 'registerStatus', 'status')),
    roles,
    standing: standing ? standingTag(standing) : null,
    approximate: isApproximateMatch(item, q),
  };
}

function credentialView(c: unknown): CredentialView {
  const status = text(c, 'status') || 'active';
  const level = text(c, 'level');
  const details = [text(c, 'subject'), level ? `Level ${level}` : '', text(c, 'result')]
    .filter(Boolean)
    .join(', ');
  return {
    title: text(c, 'title'),
    awardingBody: text(c, 'awardingBody', 'issuerName'),
    details,
    awardedOn: formatDate(text(c, 'awardedOn')),
    validUntil: formatDate(text(c, 'validUntil')),
    provenance: provenanceTag(text(c, 'provenance')),
    status: credentialStatusTag(
      status,
      formatDate(text(c, 'statusChangedOn', 'statusChangedAt', 'revokedAt', 'suspendedAt')),
    ),
  };
}

export function entryView(entry: unknown): EntryView {
  const e = asObject(entry);
  // A share-code record carries every credential in any status; the public entry only current ones.
  const credentials = asArray(e.allCredentials ?? e.credentials);
  const claims = asArray(e.pendingClaims);
  return {
    registerNumber: text(e, 'registerNumber'),
    name: fullName(e),
    formerNames: asArray(e.formerNames).filter((n): n is string => typeof n === 'string'),
    status: registerStatusTag(text(e, 'registerStatus', 'status')),
    conditions: text(e, 'conditions'),
    standings: standingsOf(e),
    credentials: credentials.map(credentialView),
    pendingClaims: claims.map((c) => ({
      title: text(c, 'title'),
      awardingBody: text(c, 'awardingBody'),
      recognised: asObject(c).awardingBodyRecognised !== false,
      tag: provenanceTag('self-declared'),
    })),
    claims: asArray(e.claims).map((c) => ({
      title: text(c, 'title'),
      awardingBody: text(c, 'awardingBody'),
      awardedOn: formatDate(text(c, 'awardedOn')),
      tag: claimStatusTag(text(c, 'status'), asObject(c).awardingBodyRecognised !== false),
      reason: text(c, 'decisionReason'),
    })),
    purpose: text(e, 'purpose'),
    sharedUntil: formatDate(text(e, 'sharedUntil')),
    history: asArray(e.statusHistory ?? e.history).map((h) => ({
      date: formatDate(text(h, 'from', 'changedAt', 'date', 'at')),
      status: registerStatusTag(text(h, 'toStatus', 'status')),
      reason: text(h, 'reason') || text(h, 'conditions'),
    })),
    registrationsText: asArray(e.professionalRegistrations ?? e.registrations)
      .map((r) => `${text(r, 'body').toUpperCase()} ${text(r, 'number')}`.trim())
      .filter(Boolean)
      .join(', '),
    appointments: asArray(e.appointments).map((a) => ({
      role: text(a, 'roleTitle', 'roleCode'),
      until: formatDate(text(a, 'endDate')),
      organisation: text(a, 'organisation'),
      since: formatDate(text(a, 'startDate')),
    })),
  };
}
