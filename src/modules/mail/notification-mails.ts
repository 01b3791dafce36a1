import type { OutgoingMail } from './mail.service.js';

const SIGN_OFF = '\n\nDigital Leadership Register';

export function claimDecidedMail(
  to: string,
  claim: { title: string; awardingBody: string; outcome: string; reason: string | null },
  link: string,
): OutgoingMail {
  const confirmed = claim.outcome === 'confirmed';
  const lines = [
    `${claim.awardingBody} has ${confirmed ? 'confirmed' : 'rejected'} the qualification you declared: ${claim.title}.`,
    confirmed
      ? 'It now shows on your public entry as confirmed by the awarding body.'
      : `Their reason: ${claim.reason ?? 'not given'}. You can correct or withdraw the claim, or add evidence.`,
    '',
    `See your qualifications: ${link}`,
  ];
  return {
    kind: 'claim-decided',
    to,
    subject: `Your declared qualification was ${confirmed ? 'confirmed' : 'rejected'}`,
    text: lines.join('\n') + SIGN_OFF,
  };
}

export function credentialExpiringMail(
  to: string,
  credential: { title: string; awardingBody: string; validUntil: string; days: number },
  link: string,
): OutgoingMail {
  return {
    kind: 'credential-expiring',
    to,
    subject: `${credential.title} expires in ${credential.days} days`,
    text:
      [
        `Your credential ${credential.title} from ${credential.awardingBody} is valid until ${credential.validUntil}.`,
        'Ask the awarding body to renew it before then: an expired credential no longer counts towards your standing in a role.',
        '',
        `See your credentials: ${link}`,
      ].join('\n') + SIGN_OFF,
  };
}

export function cpdShortfallMail(
  to: string,
  shortfall: { roleTitle: string; detail: string },
  link: string,
): OutgoingMail {
  return {
    kind: 'cpd-shortfall',
    to,
    subject: `Your CPD is short for ${shortfall.roleTitle}`,
    text:
      [
        `You are appointed as ${shortfall.roleTitle}, which asks for CPD every year. Your register entry falls short:`,
        '',
        `${shortfall.detail}.`,
        '',
        'Your standing in the role shows as lapsed until it is made up.',
        'Ask the bodies that recorded your CPD to add what is missing.',
        '',
        `See your standing: ${link}`,
      ].join('\n') + SIGN_OFF,
  };
}

const REGISTER_STATUS: Record<string, string> = {
  registered: 'registered',
  'registered-with-conditions': 'registered with conditions',
  suspended: 'suspended',
  lapsed: 'lapsed',
  removed: 'removed',
};

/** One change a watch-list recorded, in words (ids and codes only are in the event). */
export function describeWatchedChange(type: string, data: Record<string, unknown>): string {
  const said = (key: string) => (typeof data[key] === 'string' ? data[key] : '');
  switch (type) {
    case 'credential.issued':
      return 'A credential was issued to them.';
    case 'credential.status-changed':
      return `One of their credentials changed from ${said('from')} to ${said('to')}${said('reason') ? ` (reason: ${said('reason')})` : ''}.`;
    case 'practitioner.status-changed':
      return `Their register status changed from ${REGISTER_STATUS[said('from')] ?? said('from')} to ${REGISTER_STATUS[said('to')] ?? said('to')}.`;
    case 'practitioner.name-changed':
      return 'The name on their public entry changed.';
    case 'claim.decided':
      return `An awarding body ${said('outcome') || 'decided'} a qualification they declared.`;
    case 'role-standing.changed':
      return `Their standing as ${said('role')} changed from ${said('from').replace(/-/g, ' ')} to ${said('to').replace(/-/g, ' ')}.`;
    default:
      return 'Their entry changed.';
  }
}

export function watchedPersonChangedMail(
  to: string,
  watch: { registerNumber: string; purpose: string; change: string },
  link: string,
): OutgoingMail {
  return {
    kind: 'watched-person-changed',
    to,
    subject: `A change for register number ${watch.registerNumber}`,
    text:
      [
        `A person your organisation watches (register number ${watch.registerNumber}, for ${watch.purpose}) has a change on the register:`,
        '',
        watch.change,
        '',
        `See the watch-list: ${link}`,
        'You get these mails because mail was turned on for this watch-list; turn it off on that page.',
      ].join('\n') + SIGN_OFF,
  };
}
