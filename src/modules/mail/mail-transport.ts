import fs from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Mail } from './mail.entity.js';

export interface MailTransport {
  /** Sends one mail; throws with the relay's answer when it is refused. */
  send(mail: Mail): Promise<void>;
  close(): void;
  describe(): string;
}

/**
 * nodemailer is imported when the first mail is sent, not at start-up (see docs/PERFORMANCE.md);
 * the transporter is made once.
 */
function lazyTransporter<T extends Transporter>(
  make: (nodemailer: (typeof import('nodemailer'))['default']) => T,
): { get: () => Promise<T>; close: () => void } {
  let made: Promise<T> | undefined;
  return {
    get: () => (made ??= import('nodemailer').then((m) => make(m.default))),
    close: () => void made?.then((t) => t.close()).catch(() => undefined),
  };
}

/** Connections kept open to the relay, each reused between mails: a batch is sent this wide. */
export const SMTP_CONNECTIONS = 5;

/** SMTP_URL through nodemailer: a pool of connections, each reused between mails. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = lazyTransporter((nodemailer) =>
    nodemailer.createTransport({ url, pool: true, maxConnections: SMTP_CONNECTIONS }),
  );
  return {
    async send(mail) {
      await (
        await transporter.get()
      ).sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        messageId: `<${mail.id}@register.localhost>`,
      });
    },
    close: transporter.close,
    describe: () => `SMTP ${url.replace(/\/\/[^@/]*@/, '//…@')}`,
  };
}

/**
 * No SMTP relay (a laptop, a demo): each mail becomes an .eml file, readable in any mail client,
 * named by when it was queued so a listing reads in order.
 */
export function fileTransport(dir: string, from: string): MailTransport {
  const transporter = lazyTransporter((nodemailer) =>
    nodemailer.createTransport({ streamTransport: true, buffer: true }),
  );
  return {
    async send(mail) {
      const info = await (
        await transporter.get()
      ).sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        messageId: `<${mail.id}@register.localhost>`,
      });
      await fs.mkdir(dir, { recursive: true });
      const stamp = mail.createdAt.toISOString().replace(/[:.]/g, '-');
      await fs.writeFile(path.join(dir, `${stamp}-${mail.kind}-${mail.id}.eml`), info.message);
    },
    close: transporter.close,
    describe: () => `files in ${dir}`,
  };
}
