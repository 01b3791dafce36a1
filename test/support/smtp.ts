import { type AddressObject, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Every http(s) link in the text part, in order. */
  links: string[];
}

export interface TestSmtp {
  /** smtp://127.0.0.1:port, for SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /**
   * The next `count` mails (to `to` only, when given) are refused with a 451, as a relay that is
   * briefly down. Name the recipient when other mails may be queued: mails other specs caused can
   * arrive at any moment once the server listens.
   */
  refuseNext(count: number, to?: string): void;
  /** Waits for a mail to `to` matching the subject pattern. */
  waitFor(to: string, subject?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
    a.value.map((v) => (v.address ?? '').toLowerCase()),
  );

/**
 * A real SMTP server in this process that keeps every mail it accepts, parsed. By default it listens
 * on the port the shared test app sends to (TEST_SMTP_PORT); one spec file at a time may hold it.
 */
export async function startSmtp(port = Number(process.env.TEST_SMTP_PORT ?? 0)): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  let refusals = 0;
  let refusedTo: string | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      if (refusals > 0 && (refusedTo === undefined || recipients.includes(refusedTo))) {
        refusals -= 1;
        stream.resume();
        stream.on('end', () => {
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          callback(error);
        });
        return;
      }
      simpleParser(stream).then(
        (parsed) => {
          const text = parsed.text ?? '';
          mails.push({
            to: addresses(parsed.to),
            from: addresses(parsed.from)[0] ?? '',
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            links: [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    mails,
    refuseNext: (count, to) => {
      refusals = count;
      refusedTo = to?.toLowerCase();
    },
    async waitFor(to, subject, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(
          (m) => m.to.includes(to.toLowerCase()) && (!subject || subject.test(m.subject)),
        );
        if (found) return found;
        if (Date.now() > until) {
          const seen = mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ');
          throw new Error(`No mail to ${to} matching ${String(subject)} (seen: ${seen || 'none'})`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
