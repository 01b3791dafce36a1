// Signing and verification rates on one core, in one run: raw node:crypto Ed25519 next to
// VC-JWT (jose) and Data Integrity eddsa-rdfc-2022 (JSON-LD canonicalisation) over the same
// Open Badges credential the registry issues.
// Usage: npm run bench:trust   (BENCH_SECONDS per measurement, default 3)
import { sign, verify } from 'node:crypto';
import { jwtVerify } from 'jose';
import {
  addDataIntegrityProof,
  buildDidDocument,
  createDataIntegritySigner,
  createDocumentLoader,
  didWeb,
  generateEd25519KeyPair,
  signVcJwt,
  verifyDataIntegrityProof,
} from '../src/modules/trust/index.js';
import { renderOpenBadge } from '../src/modules/trust/open-badge.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);

async function rate(name: string, op: () => unknown): Promise<number> {
  for (let i = 0; i < 20; i += 1) await op();
  let n = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < until) {
    await op();
    n += 1;
    now = process.hrtime.bigint();
  }
  const perSecond = n / (Number(now - start) / 1e9);
  console.log(`${name.padEnd(34)} ${perSecond.toFixed(0).padStart(8)} /s   (${n} in ${seconds}s)`);
  return perSecond;
}

async function main(): Promise<void> {
  const key = await generateEd25519KeyPair();
  const did = didWeb('registry.example.org', ['issuers', '0b1f6d2e-5c1a-4a47-9d1e-3c3b0f1a2b3c']);
  const didDocument = { ...buildDidDocument(did, [key]) };
  const loader = createDocumentLoader({
    resolveDid: (d) => Promise.resolve(d === did ? didDocument : undefined),
  });
  const credential = renderOpenBadge({
    credentialId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    baseUrl: 'https://registry.example.org',
    issuer: { did, name: 'University of Testshire', url: 'https://testshire.example' },
    kind: 'degree',
    title: 'MSc Digital Health Leadership',
    subject: 'Digital Health Leadership',
    level: 7,
    result: 'Distinction',
    awardedOn: '2024-07-01',
    validUntil: null,
    registerNumber: 'DL12345674',
    registrations: [{ body: 'GMC', number: '7012345' }],
    status: {
      revocationUrl:
        'https://registry.example.org/api/v1/status-lists/2b0f6a1e-0c4f-4c47-9a8e-1d2c3b4a5f60',
      suspensionUrl:
        'https://registry.example.org/api/v1/status-lists/7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      index: 94567,
    },
  });
  const message = Buffer.from(JSON.stringify(credential));
  const signature = sign(null, message, key.privateKeyObject);
  const signingKey = { kid: key.kid, privateKey: key.privateKeyObject };
  const jwt = await signVcJwt(credential, signingKey);
  const diSigner = createDataIntegritySigner({
    did,
    kid: key.kid,
    seed: key.seed,
    publicKey: key.publicKey,
  });
  const signed = await addDataIntegrityProof(credential, diSigner, loader);
  const check = await verifyDataIntegrityProof(signed, loader);
  if (!check.verified) throw new Error(`Data Integrity self-check failed: ${check.error}`);

  console.log(
    `Node ${process.version}, one core, ${message.length}-byte credential, ${seconds}s each\n`,
  );
  const rawSign = await rate('node:crypto Ed25519 sign', () =>
    sign(null, message, key.privateKeyObject),
  );
  const rawVerify = await rate('node:crypto Ed25519 verify', () =>
    verify(null, message, key.publicKeyObject, signature),
  );
  const jwtSign = await rate('VC-JWT sign (jose EdDSA)', () => signVcJwt(credential, signingKey));
  const jwtVer = await rate('VC-JWT verify (jose jwtVerify)', () =>
    jwtVerify(jwt, key.publicKeyObject, { typ: 'vc+jwt', algorithms: ['EdDSA'] }),
  );
  const diSign = await rate('DI eddsa-rdfc-2022 sign', () =>
    addDataIntegrityProof(credential, diSigner, loader),
  );
  const diVerify = await rate('DI eddsa-rdfc-2022 verify', () =>
    verifyDataIntegrityProof(signed, loader),
  );
  console.log('\nRelative to raw Ed25519:');
  console.log(
    `  VC-JWT sign ${(jwtSign / rawSign).toFixed(2)}x, verify ${(jwtVer / rawVerify).toFixed(2)}x`,
  );
  console.log(
    `  DI sign     ${(diSign / rawSign).toFixed(3)}x, verify ${(diVerify / rawVerify).toFixed(3)}x`,
  );
  console.log(`  DI signing 100,000 credentials: ~${Math.round(100_000 / diSign)} s on one core`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
