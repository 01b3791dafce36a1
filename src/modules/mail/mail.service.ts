import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Mail } from './mail.entity.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
}

@Injectable()
export class MailService {
  /**
   * Queues a mail in the caller's transaction: it leaves only if that transaction commits, and the
   * dispatcher sends it (once) shortly after.
   */
  async queue(manager: EntityManager, mail: OutgoingMail): Promise<void> {
    await manager.getRepository(Mail).insert({
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
    });
  }
}
