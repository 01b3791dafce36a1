import { formatDate } from './format.js';
import { asArray, asObject, text } from './json-read.js';

export interface CredentialSummary {
  title: string;
  description: string;
  awardingBody: string;
  awardedOn: string;
  validUntil: string;
  result: string;
  registerNumber: string;
}

/** The credential itself, from Open Badges JSON or a VC-JWT (its payload, or the payload's `vc`). */
function credentialBody(credential: unknown): Record<string, unknown> {
  if (typeof credential !== 'string') return asObject(credential);
  const payload = credential.split('.')[1] ?? '';
  try {
    const decoded = asObject(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return asObject(decoded.vc ?? decoded);
  } catch {
    return {};
  }
}

/**
 * What the credential says it is and whom it is for. Shown only once the signature checks out:
 * until then these are claims anyone could have typed.
 */
export function summariseCredential(credential: unknown): CredentialSummary {
  const vc = credentialBody(credential);
  const subject = asObject(vc.credentialSubject);
  const achievement = asObject(subject.achievement);
  const issuer = vc.issuer;
  const registerNumber = asArray(subject.identifier)
    .filter((i) => text(i, 'identityType') === 'identifier')
    .map((i) => text(i, 'identityHash'))[0];
  return {
    title: text(achievement, 'name') || text(vc, 'name'),
    description: text(achievement, 'description'),
    awardingBody: typeof issuer === 'string' ? '' : text(issuer, 'name'),
    awardedOn: formatDate(text(vc, 'awardedDate', 'validFrom').slice(0, 10)),
    validUntil: formatDate(text(vc, 'validUntil').slice(0, 10)),
    result: asArray(subject.result)
      .map((r) => text(r, 'value'))
      .filter(Boolean)
      .join(', '),
    registerNumber: /^DL\d{8}$/.test(registerNumber ?? '') ? (registerNumber ?? '') : '',
  };
}
