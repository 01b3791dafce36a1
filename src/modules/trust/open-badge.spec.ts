import { addDataIntegrityProof, verifyDataIntegrityProof } from './data-integrity.js';
import { renderOpenBadge, type OpenBadgeInput } from './open-badge.js';
import {
  createTrustWorld,
  ISSUER_DID,
  REVOCATION_LIST_URL,
  SUSPENSION_LIST_URL,
} from './testing/fixtures.js';

interface Subject {
  identifier: { identityHash: string }[];
  achievement: {
    achievementType: string;
    fieldOfStudy?: string;
    alignment?: { targetCode: string; targetType?: string; targetUrl?: string }[];
  };
}

const input: OpenBadgeInput = {
  credentialId: '0b1f6d2e-5c1a-4a47-9d1e-3c3b0f1a2b3c',
  baseUrl: 'https://registry.example.org',
  issuer: { did: ISSUER_DID, name: 'NHS Digital Academy', url: 'https://academy.example.org' },
  kind: 'degree',
  title: 'MSc Digital Health Leadership',
  subject: 'Digital Health Leadership',
  level: 7,
  result: 'Distinction',
  awardedOn: '2024-07-01',
  validUntil: '2034-06-30',
  registerNumber: 'DL12345674',
  registrations: [{ body: 'GMC', number: '1234567' }],
  status: { revocationUrl: REVOCATION_LIST_URL, suspensionUrl: SUSPENSION_LIST_URL, index: 4242 },
};

describe(renderOpenBadge.name, () => {
  it('should render an OpenBadgeCredential with status entries for both purposes', () => {
    const vc = renderOpenBadge(input);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    const subject = vc.credentialSubject as Subject;
    expect(subject.achievement.achievementType).toBe('MasterDegree');
    expect(subject.achievement.alignment?.[0].targetCode).toBe('7');
    expect(subject.identifier.map((i) => i.identityHash)).toEqual(['DL12345674', '1234567']);
    expect(
      (vc.credentialStatus as { statusPurpose: string }[]).map((s) => s.statusPurpose),
    ).toEqual(['revocation', 'suspension']);
  });

  it('should use only terms the contexts define, so strict Data Integrity signing accepts it', async () => {
    const world = await createTrustWorld();
    const signer = {
      did: ISSUER_DID,
      kid: world.key.kid,
      seed: world.key.seed,
      publicKey: world.key.publicKey,
    };
    const signed = await addDataIntegrityProof(renderOpenBadge(input), signer, world.loader);
    const result = await verifyDataIntegrityProof(
      signed,
      world.loader,
      new Date('2025-01-01T00:00:00Z'),
    );
    expect(result.verified).toBe(true);
  });

  it('should align the achievement to each competence it evidences, signable under strict contexts', async () => {
    const withCompetences: OpenBadgeInput = {
      ...input,
      competences: [
        {
          code: 'data-governance',
          level: 'practitioner',
          name: 'Data governance',
          framework: 'Government Digital and Data Profession Capability Framework (2024-10-22)',
          url: 'https://ddat-capability-framework.service.gov.uk/skills',
        },
        { code: 'user-focus', level: 'expert', name: 'User focus', framework: 'Local', url: null },
      ],
    };
    const vc = renderOpenBadge(withCompetences);
    const alignment = (vc.credentialSubject as Subject).achievement.alignment ?? [];
    expect(alignment.map((a) => a.targetCode)).toEqual([
      '7',
      'data-governance:practitioner',
      'user-focus:expert',
    ]);
    expect(alignment[2]).toMatchObject({
      targetType: 'ceasn:Competency',
      targetUrl: 'https://registry.example.org/api/v1/competences',
    });
    const world = await createTrustWorld();
    const signer = {
      did: ISSUER_DID,
      kid: world.key.kid,
      seed: world.key.seed,
      publicKey: world.key.publicKey,
    };
    const signed = await addDataIntegrityProof(vc, signer, world.loader);
    const result = await verifyDataIntegrityProof(
      signed,
      world.loader,
      new Date('2025-01-01T00:00:00Z'),
    );
    expect(result.verified).toBe(true);
  });

  it('should leave out what the record does not have', () => {
    const vc = renderOpenBadge({
      ...input,
      kind: 'cpd',
      subject: null,
      level: null,
      result: null,
      validUntil: null,
      status: null,
    });
    expect(vc.validUntil).toBeUndefined();
    expect(vc.credentialStatus).toBeUndefined();
    const achievement = (vc.credentialSubject as Subject).achievement;
    expect(achievement.fieldOfStudy).toBeUndefined();
    expect(achievement.alignment).toBeUndefined();
    expect(achievement.achievementType).toBe('Course');
  });
});
