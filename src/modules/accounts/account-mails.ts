import type { OutgoingMail } from '../mail/mail.service.js';

const SERVICE = 'Digital Leadership Register';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text first (every client shows it); the HTML part says the same with a real link. */
function compose(
  kind: string,
  to: string,
  subject: string,
  lines: string[],
  link?: { href: string; text: string },
): OutgoingMail {
  const text = [...lines, ...(link ? ['', `${link.text}:`, link.href] : []), '', SERVICE].join(
    '\n',
  );
  const html = [
    ...lines.map((l) => `<p>${escape(l)}</p>`),
    link ? `<p><a href="${escape(link.href)}">${escape(link.text)}</a></p>` : '',
    `<p>${SERVICE}</p>`,
  ].join('\n');
  return { kind, to, subject, text, html };
}

export function confirmationMail(
  to: string,
  link: string,
  hours: number,
  listsEntry: boolean,
): OutgoingMail {
  return compose(
    'account-confirmation',
    to,
    'Confirm your email address',
    [
      'You (or someone using this address) created an account on the Digital Leadership Register.',
      listsEntry
        ? 'Confirm the address to finish. Your entry is not listed in register searches until you do.'
        : 'Confirm the address so that mail from the register reaches you.',
      `The link works once and for ${hours} hours. If it was not you, ignore this email.`,
    ],
    { href: link, text: 'Confirm your email address' },
  );
}

export function passwordResetMail(to: string, link: string, minutes: number): OutgoingMail {
  return compose(
    'password-reset',
    to,
    'Reset your password',
    [
      'Someone asked to reset the password of your Digital Leadership Register account.',
      `The link works once and for ${minutes} minutes. Resetting signs you out everywhere.`,
      'If it was not you, ignore this email: your password has not changed.',
    ],
    { href: link, text: 'Choose a new password' },
  );
}

export function invitationMail(to: string, organisation: string, link: string): OutgoingMail {
  return compose(
    'colleague-invitation',
    to,
    `You have been added to ${organisation} on the Digital Leadership Register`,
    [
      `A colleague added you to ${organisation}, an employer on the Digital Leadership Register.`,
      'Choose a password to start. The link works once and for 60 minutes; after that, use',
      '"Forgotten your password?" on the sign-in page.',
    ],
    { href: link, text: 'Choose your password' },
  );
}
