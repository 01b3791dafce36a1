import { buildDidDocument, didWeb } from '../did-web.js';
import { createDocumentLoader, OB_V3_CONTEXT, VC_V2_CONTEXT } from '../document-loader.js';
import { generateEd25519KeyPair, type Ed25519KeyMaterial } from '../key-material.js';
import {
  buildStatusListCredential,
  buildStatusListEntry,
  StatusList,
  type StatusPurpose,
} from '../status-list.js';

export const ISSUER_DID = didWeb('registry.example.org', ['issuers', 'nhs-digital-academy']);
export const LIST_BASE = 'https://registry.example.org/api/v1/status-lists';
export const REVOCATION_LIST_URL = `${LIST_BASE}/1`;
export const SUSPENSION_LIST_URL = `${LIST_BASE}/2`;

/** A sample OB 3.0 credential shaped like the ones the registry issues. */
export function sampleOpenBadgeCredential(index = 94567): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: 'https://registry.example.org/api/v1/credentials/0b1f6d2e-5c1a-4a47-9d1e-3c3b0f1a2b3c',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: ISSUER_DID, type: ['Profile'], name: 'NHS Digital Academy' },
    name: 'MSc Digital Health Leadership',
    validFrom: '2024-07-01T00:00:00Z',
    validUntil: '2034-07-01T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'DL12345674',
          identityType: 'identifier',
          hashed: false,
        },
      ],
      achievement: {
        id: 'https://registry.example.org/api/v1/achievements/msc-digital-health-leadership',
        type: ['Achievement'],
        achievementType: 'Degree',
        name: 'MSc Digital Health Leadership',
        description: 'Postgraduate degree for senior digital leaders in health and care.',
        criteria: { narrative: 'Completion of 180 credits at level 7, including a dissertation.' },
        fieldOfStudy: 'Digital Health Leadership',
        creditsAvailable: 180,
      },
      result: [{ type: ['Result'], value: 'Distinction' }],
    },
    credentialStatus: [
      buildStatusListEntry(REVOCATION_LIST_URL, 'revocation', index),
      buildStatusListEntry(SUSPENSION_LIST_URL, 'suspension', index),
    ],
  };
}

export interface TrustWorld {
  key: Ed25519KeyMaterial;
  didDocument: Record<string, unknown>;
  lists: Map<string, { list: StatusList; purpose: StatusPurpose }>;
  /** Status list credentials as published (unsigned here unless a test signs them). */
  published: Map<string, Record<string, unknown>>;
  loader: ReturnType<typeof createDocumentLoader>;
  publish: (url: string) => Record<string, unknown>;
  loadList: (url: string) => Promise<Record<string, unknown>>;
}

export async function createTrustWorld(): Promise<TrustWorld> {
  const key = await generateEd25519KeyPair();
  const didDocument = { ...buildDidDocument(ISSUER_DID, [key]) };
  const lists = new Map<string, { list: StatusList; purpose: StatusPurpose }>([
    [REVOCATION_LIST_URL, { list: new StatusList(), purpose: 'revocation' }],
    [SUSPENSION_LIST_URL, { list: new StatusList(), purpose: 'suspension' }],
  ]);
  const published = new Map<string, Record<string, unknown>>();
  const publish = (url: string): Record<string, unknown> => {
    const entry = lists.get(url);
    if (!entry) throw new Error(url);
    const doc = buildStatusListCredential({
      url,
      issuer: ISSUER_DID,
      purpose: entry.purpose,
      list: entry.list,
      validFrom: new Date('2024-01-01T00:00:00Z'),
    });
    published.set(url, doc);
    return doc;
  };
  for (const url of lists.keys()) publish(url);
  const loader = createDocumentLoader({
    resolveDid: (did) => Promise.resolve(did === ISSUER_DID ? didDocument : undefined),
    resolveStatusList: (url) => Promise.resolve(published.get(url)),
  });
  const loadList = (url: string): Promise<Record<string, unknown>> => {
    const doc = published.get(url);
    return doc ? Promise.resolve(doc) : Promise.reject(new Error(`No list at ${url}`));
  };
  return { key, didDocument, lists, published, loader, publish, loadList };
}

/** Paths inside the sample credential to tamper with, and a replacement value. */
export const TAMPERS: { path: (string | number)[]; value: unknown }[] = [
  { path: ['name'], value: 'MSc Something Else' },
  { path: ['issuer', 'name'], value: 'Diploma Mill University' },
  { path: ['issuer', 'id'], value: didWeb('evil.example.org') },
  { path: ['validFrom'], value: '2020-07-01T00:00:00Z' },
  { path: ['validUntil'], value: '2099-07-01T00:00:00Z' },
  { path: ['credentialSubject', 'identifier', 0, 'identityHash'], value: 'DL99999990' },
  { path: ['credentialSubject', 'achievement', 'name'], value: 'PhD Digital Health Leadership' },
  { path: ['credentialSubject', 'achievement', 'achievementType'], value: 'Doctorate' },
  { path: ['credentialSubject', 'achievement', 'criteria', 'narrative'], value: 'none' },
  { path: ['credentialSubject', 'achievement', 'fieldOfStudy'], value: 'Medicine' },
  { path: ['credentialSubject', 'result', 0, 'value'], value: 'First' },
  { path: ['credentialStatus', 0, 'statusListIndex'], value: '1' },
  { path: ['credentialStatus', 1, 'statusListCredential'], value: `${LIST_BASE}/99` },
  { path: ['type'], value: ['VerifiableCredential', 'EndorsementCredential'] },
];

export function tamper(
  credential: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(credential);
  let node: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}
