import { Injectable } from '@nestjs/common';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import type { Role } from '../roles/role.entity.js';
import { RoleStandardsService } from '../roles/role-standards.service.js';
import { CredentialsService } from './credentials.service.js';
import { type RoleStandingOf, roleStandings } from './role-standings.js';

export { endOfDay } from './role-standings.js';

export interface RoleStanding {
  role: Role;
  appointed: boolean;
  result: RoleStandingOf<Role>['result'];
}

/** Role standing for a practitioner, as the register stood at the end of a given day. */
@Injectable()
export class StandingService {
  constructor(
    private readonly practitioners: PractitionersService,
    private readonly credentials: CredentialsService,
    private readonly roles: RoleStandardsService,
  ) {}

  async standingsFor(practitionerId: string, on: string): Promise<RoleStanding[]> {
    const [practitioner, history, credentials, roles] = await Promise.all([
      this.practitioners.getById(practitionerId),
      this.practitioners.statusHistory(practitionerId),
      this.credentials.listForPractitioner(practitionerId),
      this.roles.rolesWithStandards(),
    ]);
    const changes = await this.credentials.statusChangesFor(credentials.map((c) => c.id));
    return roleStandings(
      {
        history,
        credentials,
        changes,
        registrations: practitioner.registrations ?? [],
        appointments: practitioner.appointments ?? [],
      },
      roles,
      on,
    );
  }
}
