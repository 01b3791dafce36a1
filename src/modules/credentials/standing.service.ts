import { Injectable } from '@nestjs/common';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import {
  computeStanding,
  type RegisterStatus,
  type StandingCredential,
  type StandingResult,
} from '../roles/role-standing.js';
import type { Role } from '../roles/role.entity.js';
import { RolesService } from '../roles/roles.service.js';
import { groupByCredential, statusAsOf, validUntilAsOf } from './credential-history.js';
import { CredentialsService } from './credentials.service.js';

export interface RoleStanding {
  role: Role;
  appointed: boolean;
  result: StandingResult;
}

/** The end of a calendar day (UTC): "as on 2024-03-01" includes everything recorded that day. */
export const endOfDay = (on: string) => new Date(`${on}T23:59:59.999Z`);

/** Role standing for a practitioner, as the register stood at the end of a given day. */
@Injectable()
export class StandingService {
  constructor(
    private readonly practitioners: PractitionersService,
    private readonly credentials: CredentialsService,
    private readonly roles: RolesService,
  ) {}

  async standingsFor(practitionerId: string, on: string): Promise<RoleStanding[]> {
    const at = endOfDay(on);
    const [practitioner, history, credentials, roles] = await Promise.all([
      this.practitioners.getById(practitionerId),
      this.practitioners.statusHistory(practitionerId),
      this.credentials.listForPractitioner(practitionerId),
      this.roles.list(),
    ]);
    const registerStatus: RegisterStatus =
      [...history].reverse().find((h) => h.changedAt.getTime() <= at.getTime())?.toStatus ??
      'removed';
    const changes = groupByCredential(
      await this.credentials.statusChangesFor(credentials.map((c) => c.id)),
    );
    const asOf: StandingCredential[] = credentials.flatMap((c) => {
      const own = changes.get(c.id) ?? [];
      const status = statusAsOf(own, at);
      if (status === null) return [];
      return [
        {
          id: c.id,
          kind: c.kind,
          level: c.level,
          status,
          awardedOn: c.awardedOn,
          validUntil: validUntilAsOf(own, at, c.validUntil),
          cpdHours: c.cpdHours,
        },
      ];
    });
    const registrations = (practitioner.registrations ?? []).map((r) => ({
      body: r.body,
      number: r.number,
      current: r.current,
    }));
    return roles.map((role) => {
      const appointment = (practitioner.appointments ?? [])
        .filter(
          (a) =>
            a.roleCode === role.code &&
            a.startDate <= on &&
            (a.endDate === null || a.endDate >= on),
        )
        .sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
      const result = computeStanding({
        on,
        registerStatus,
        role: { code: role.code, clinical: role.clinical, requirements: role.requirements },
        credentials: asOf,
        registrations,
        appointedOn: appointment?.startDate ?? null,
      });
      return { role, appointed: appointment !== undefined, result };
    });
  }
}
