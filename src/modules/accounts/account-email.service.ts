import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ValidationError } from '../../common/errors/app-error.js';
import { httpConfig, type HttpConfig } from '../../config/configuration.js';
import { AuditService } from '../audit/audit.service.js';
import { User } from '../auth/user.entity.js';
import { UsersService } from '../auth/users.service.js';
import { MailService } from '../mail/mail.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { confirmationMail, invitationMail, passwordResetMail } from './account-mails.js';
import { AccountTokensService } from './account-tokens.service.js';

export const CONFIRM_TTL_SECONDS = 48 * 3600;
export const RESET_TTL_SECONDS = 3600;

class TokenInvalidError extends ValidationError {
  constructor() {
    super(
      'ACCOUNT.TOKEN_INVALID',
      'The link is not valid: it may have been used already or have expired.',
      [{ field: 'token', message: 'not valid, used or expired' }],
    );
  }
}

/**
 * Email confirmation and password reset. Links are built from PUBLIC_URL (or this server's own
 * address), never from the request's Host header, so a reset mail cannot be made to point elsewhere.
 */
@Injectable()
export class AccountEmailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(httpConfig.KEY) private readonly http: HttpConfig,
    private readonly users: UsersService,
    private readonly practitioners: PractitionersService,
    private readonly tokens: AccountTokensService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Inside the registration's transaction: the mail exists only if the account does. `listsEntry`
   * when the practitioner's entry waits for the confirmation to be listed; otherwise confirming
   * never lists anyone (a person who chose to be unlisted stays so).
   */
  async sendConfirmation(
    m: EntityManager,
    user: Pick<User, 'id' | 'email'>,
    listsEntry: boolean,
  ): Promise<void> {
    const purpose = listsEntry ? 'confirm-and-list' : 'confirm-email';
    const token = await this.tokens.issue(m, user.id, purpose, CONFIRM_TTL_SECONDS);
    const link = `${this.base()}/confirm-email?token=${token}`;
    await this.mail.queue(
      m,
      confirmationMail(user.email, link, CONFIRM_TTL_SECONDS / 3600, listsEntry),
    );
  }

  async resendConfirmation(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || user.emailConfirmedAt) return;
    await this.dataSource.transaction(async (m) =>
      this.sendConfirmation(m, user, await this.tokens.wasIssued(m, user.id, 'confirm-and-list')),
    );
  }

  /** Confirms the address and lists the practitioner's entry, if it was waiting for that. */
  async confirm(token: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const userId = await this.tokens.consume(m, token, ['confirm-email', 'confirm-and-list']);
      if (!userId) throw new TokenInvalidError();
      await this.confirmUser(m, userId);
    });
  }

  /** The same answer whether or not the address is known; a mail goes only to a known one. */
  async requestReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    await this.dataSource.transaction(async (m) => {
      const token = await this.tokens.issue(m, user.id, 'password-reset', RESET_TTL_SECONDS);
      const link = `${this.base()}/reset-password?token=${token}`;
      await this.mail.queue(m, passwordResetMail(user.email, link, RESET_TTL_SECONDS / 60));
      await this.audit.record(m, {
        action: 'auth.password-reset-requested',
        actorType: 'system',
        actorId: null,
        entityType: 'user',
        entityId: user.id,
      });
    });
  }

  /** A colleague added by an employer chooses their password through a reset link. */
  async sendInvitation(
    m: EntityManager,
    user: Pick<User, 'id' | 'email'>,
    organisationName: string,
  ): Promise<void> {
    const token = await this.tokens.issue(m, user.id, 'password-reset', RESET_TTL_SECONDS);
    const link = `${this.base()}/reset-password?token=${token}`;
    await this.mail.queue(m, invitationMail(user.email, organisationName, link));
  }

  async completeReset(token: string, password: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const userId = await this.tokens.consume(m, token, 'password-reset');
      if (!userId) throw new TokenInvalidError();
      await this.users.setPassword(m, userId, password);
      await this.audit.record(m, {
        action: 'auth.password-reset',
        actorType: 'user',
        actorId: userId,
        entityType: 'user',
        entityId: userId,
      });
      // The reset link reached the mailbox: the address is confirmed too.
      await this.confirmUser(m, userId);
    });
  }

  private async confirmUser(m: EntityManager, userId: string): Promise<void> {
    if (!(await this.users.confirmEmail(m, userId))) return;
    await this.audit.record(m, {
      action: 'user.email-confirmed',
      actorType: 'user',
      actorId: userId,
      entityType: 'user',
      entityId: userId,
    });
    // Only a sign-up that asked to be listed once confirmed is listed now: never someone who
    // registered listed and then chose to leave the public register.
    const user = await m.findOneByOrFail(User, { id: userId });
    if (user.practitionerId && (await this.tokens.wasIssued(m, userId, 'confirm-and-list')))
      await this.practitioners.list(m, user.practitionerId);
  }

  private base(): string {
    return (this.http.publicUrl ?? `http://${this.http.host}:${this.http.port}`).replace(/\/$/, '');
  }
}
