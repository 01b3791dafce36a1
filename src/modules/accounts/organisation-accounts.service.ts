import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { UsersService } from '../auth/users.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { AccountEmailService } from './account-email.service.js';
import type { ColleagueDto, OrganisationAccountDto } from './dto/organisation-account.dto.js';

class OrganisationPendingError extends AppError {
  constructor() {
    super(
      'ORGANISATION.NOT_VERIFIED',
      403,
      'Forbidden',
      'Colleagues can be added once the registrar has verified the organisation.',
    );
  }
}

/** An employer's organisation as its staff see it, and adding colleagues to it. */
@Injectable()
export class OrganisationAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly email: AccountEmailService,
    private readonly audit: AuditService,
  ) {}

  async describe(by: Principal): Promise<OrganisationAccountDto> {
    const organisation = by.organisationId
      ? await this.organisations.findById(by.organisationId)
      : null;
    if (!organisation)
      throw new NotFoundError('ORGANISATION.NOT_FOUND', 'Your account has no organisation.');
    const staff = await this.users.listByOrganisation(organisation.id);
    return {
      id: organisation.id,
      name: organisation.name,
      verified: organisation.verifiedAt !== null,
      colleagues: staff.map((u): ColleagueDto => ({
        email: u.email,
        emailConfirmed: u.emailConfirmedAt !== null,
        createdAt: u.createdAt.toISOString(),
      })),
    };
  }

  /**
   * A new employer account in the same organisation, with a password nobody knows: the colleague
   * chooses their own through the emailed link (a password reset link, valid for an hour; after
   * that they ask for another on the sign-in page).
   */
  async addColleague(by: Principal, email: string): Promise<ColleagueDto> {
    const organisation = await this.describe(by);
    if (!organisation.verified) throw new OrganisationPendingError();
    return this.dataSource.transaction(async (m) => {
      const user = await this.users.create(
        m,
        {
          email,
          password: randomBytes(32).toString('base64url'),
          role: 'employer',
          organisationId: organisation.id,
        },
        by.id,
      );
      await this.email.sendInvitation(m, user, organisation.name);
      await this.audit.record(m, {
        action: 'organisation.colleague-added',
        ...actorOf(by),
        entityType: 'organisation',
        entityId: organisation.id,
        data: { userId: user.id },
      });
      return { email: user.email, emailConfirmed: false, createdAt: user.createdAt.toISOString() };
    });
  }
}
