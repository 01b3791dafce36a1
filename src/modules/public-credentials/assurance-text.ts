import type { Provenance } from '../credentials/credential.entity.js';
import type { CredentialStatus } from '../credentials/credential-status.js';

export interface AssuranceFacts {
  holderName: string;
  registerNumber: string;
  awardingBody: string;
  provenance: Provenance;
  /** As of today (an active credential past its end date is expired). */
  status: CredentialStatus;
  validUntil: string | null;
  /** The live check: signature, issuer, dates and status lists all passed. */
  verified: boolean;
}

export interface Assurance {
  proves: string[];
  doesNotProve: string[];
}

/** What a visitor may and may not conclude from a credential's public page, in plain words. */
export function assurance(f: AssuranceFacts): Assurance {
  const holder = `${f.holderName} (register number ${f.registerNumber})`;
  const doesNotProve = [
    `That the person showing you this page is ${f.holderName}. Check their identity as you normally would; a share code from them needs their date of birth.`,
    'Anything about their other qualifications or their standing in a role: see their register entry.',
    'That a professional registration (GMC, NMC, HCPC or GPhC) is current: the registry does not check other registers.',
  ];
  if (f.provenance === 'document-checked') {
    doesNotProve.push(
      `That ${f.awardingBody} confirmed it: the registrar saw the original document, the body was not asked.`,
    );
  }
  if (!f.verified || f.status !== 'active') {
    return {
      proves: [
        f.status === 'active'
          ? 'Nothing: the live check did not pass, so do not rely on this credential.'
          : `That this credential is ${f.status}: do not rely on it.`,
      ],
      doesNotProve,
    };
  }
  return {
    proves: [
      provenanceSentence(f.provenance, f.awardingBody, holder),
      `It is not revoked or suspended and ${f.validUntil ? `is valid until ${f.validUntil}` : 'does not expire'}, as checked just now against the registry’s status lists.`,
      'The details shown are the ones on the register: they were signed with a key the registry publishes and the signature was checked.',
    ],
    doesNotProve,
  };
}

function provenanceSentence(provenance: Provenance, body: string, holder: string): string {
  switch (provenance) {
    case 'issued':
      return `${body}, a certifying body the registry recognises, issued this credential to ${holder}.`;
    case 'confirmed-by-awarding-body':
      return `${body} confirmed to the registry that it awarded this to ${holder}.`;
    case 'document-checked':
      return `The registrar saw the original document from ${body} awarding this to ${holder}.`;
    case 'assessed-portfolio':
      return `${body}, a certifying body the registry recognises, assessed a portfolio of ${holder}’s experience, with two referees confirming it, and certified it (the experience route).`;
  }
}
