import {
  addDataIntegrityProof,
  createDataIntegritySigner,
  verifyDataIntegrityProof,
} from './data-integrity.js';
import { verificationMethodId } from './did-web.js';
import { readCredentialStatus } from './status-list.js';
import {
  createTrustWorld,
  ISSUER_DID,
  REVOCATION_LIST_URL,
  sampleOpenBadgeCredential,
  tamper,
  TAMPERS,
  type TrustWorld,
} from './testing/fixtures.js';

describe(addDataIntegrityProof.name, () => {
  let world: TrustWorld;
  let signed: Record<string, unknown>;

  beforeAll(async () => {
    world = await createTrustWorld();
    const signer = createDataIntegritySigner({ did: ISSUER_DID, ...world.key });
    signed = await addDataIntegrityProof(sampleOpenBadgeCredential(), signer, world.loader);
  });

  it('should add a DataIntegrityProof naming the did:web key', () => {
    const proof = signed.proof as Record<string, unknown>;
    expect(proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: verificationMethodId(ISSUER_DID, world.key.kid),
    });
    expect(proof.proofValue).toMatch(/^z/);
  });

  it('should verify the signed OpenBadgeCredential', async () => {
    const result = await verifyDataIntegrityProof(signed, world.loader);
    expect(result).toMatchObject({ verified: true, proofs: [{ verified: true }] });
  });

  it('should leave the input credential unchanged', async () => {
    const input = sampleOpenBadgeCredential();
    await addDataIntegrityProof(input, { did: ISSUER_DID, ...world.key }, world.loader);
    expect(input).toEqual(sampleOpenBadgeCredential());
  });

  it.each(TAMPERS.map((t) => [t.path.join('.'), t]))(
    'should fail when %s is changed',
    async (_, t) => {
      const result = await verifyDataIntegrityProof(tamper(signed, t.path, t.value), world.loader);
      expect(result.verified).toBe(false);
    },
  );

  it('should fail when a property unknown to the contexts is added (safe mode)', async () => {
    const result = await verifyDataIntegrityProof({ ...signed, sneaky: 'x' }, world.loader);
    expect(result.verified).toBe(false);
  });

  it('should fail when the key is no longer in the DID document', async () => {
    const loader = (await createTrustWorld()).loader;
    const result = await verifyDataIntegrityProof(signed, loader);
    expect(result.verified).toBe(false);
    expect(result.error).toBeDefined();
  });

  it('should report an expired credential as not verified', async () => {
    const result = await verifyDataIntegrityProof(signed, world.loader, new Date('2040-01-01'));
    expect(result.verified).toBe(false);
  });

  it('should let the caller read the revocation bit after verifying', async () => {
    world.lists.get(REVOCATION_LIST_URL)?.list.set(94567, true);
    world.publish(REVOCATION_LIST_URL);
    const verified = await verifyDataIntegrityProof(signed, world.loader);
    const status = await readCredentialStatus(signed, world.loadList);
    expect(verified.verified).toBe(true);
    expect(status.map((s) => [s.purpose, s.set])).toEqual([
      ['revocation', true],
      ['suspension', false],
    ]);
  });
});
