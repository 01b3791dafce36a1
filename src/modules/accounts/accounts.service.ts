import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Issuer } from '../issuers/issuer.entity.js';
import type { Principal } from '../auth/principal.js';
import { UsersService } from '../auth/users.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { AccountEmailService } from './account-email.service.js';
import type { MeDto, RegisteredDto } from './dto/me.dto.js';
import type { RegisterDto } from './dto/register.dto.js';

/** Self-registration and "who am I": the parts of accounts that know about the other modules. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly practitioners: PractitionersService,
    private readonly organisations: OrganisationsService,
    private readonly email: AccountEmailService,
  ) {}

  register(input: RegisterDto): Promise<RegisteredDto> {
    return this.dataSource.transaction(async (m) => {
      if (input.accountType === 'employer') {
        const organisation = await this.organisations.create(m, input.organisationName ?? '');
        const user = await this.users.create(
          m,
          {
            email: input.email,
            password: input.password,
            role: 'employer',
            organisationId: organisation.id,
          },
          null,
        );
        await this.email.sendConfirmation(m, user, false);
        return { id: user.id, email: user.email, role: user.role, organisationId: organisation.id };
      }
      const practitioner = await this.practitioners.createProfile(m, {
        givenName: input.givenName ?? '',
        familyName: input.familyName ?? '',
        dateOfBirth: input.dateOfBirth ?? '',
        email: input.email,
        listed: input.listAfterEmailConfirmed === true ? false : undefined,
      });
      const user = await this.users.create(
        m,
        {
          email: input.email,
          password: input.password,
          role: 'practitioner',
          practitionerId: practitioner.id,
        },
        null,
      );
      await this.email.sendConfirmation(m, user, input.listAfterEmailConfirmed === true);
      return {
        id: user.id,
        email: user.email,
        role: user.role,
        registerNumber: practitioner.registerNumber,
      };
    });
  }

  async describe(principal: Principal): Promise<MeDto> {
    const user = principal.kind === 'user' ? await this.users.findById(principal.id) : null;
    const practitioner = principal.practitionerId
      ? await this.practitioners.getById(principal.practitionerId)
      : null;
    const issuer = principal.issuerId
      ? await this.dataSource.manager.findOneBy(Issuer, { id: principal.issuerId })
      : null;
    const organisation = principal.organisationId
      ? await this.organisations.findById(principal.organisationId)
      : null;
    return {
      id: principal.id,
      kind: principal.kind,
      email: user?.email,
      emailConfirmed: user ? user.emailConfirmedAt !== null : undefined,
      role: principal.role,
      practitioner: practitioner
        ? { id: practitioner.id, registerNumber: practitioner.registerNumber }
        : null,
      issuer: issuer ? { id: issuer.id, name: issuer.name } : null,
      organisation: organisation
        ? {
            id: organisation.id,
            name: organisation.name,
            verified: organisation.verifiedAt !== null,
          }
        : null,
    };
  }
}
