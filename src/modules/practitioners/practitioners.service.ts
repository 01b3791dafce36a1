import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Not } from 'typeorm';
import { type FieldError, ValidationError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { RegisterReadModel } from '../register/register-read-model.js';
import { RolesService } from '../roles/roles.service.js';
import type {
  ChangeRegisterStatusDto,
  UpdatePractitionerDto,
} from './dto/update-practitioner.dto.js';
import { DEFAULT_VISIBILITY, Practitioner } from './practitioner.entity.js';
import {
  PractitionerNotFoundError,
  RegistrationTakenError,
  SameStatusError,
} from './practitioner.errors.js';
import { changeName } from './name-change.js';
import { PractitionerName } from './practitioner-name.entity.js';
import { PractitionerStatusChange } from './practitioner-status-change.entity.js';
import { PractitionersRepository } from './practitioners.repository.js';
import { ProfessionalRegistration } from './professional-registration.entity.js';
import { validateRegistrationNumber } from './professional-registration.js';
import { generateRegisterNumber } from './register-number.js';
import { RoleAppointment } from './role-appointment.entity.js';

export interface NewProfile {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  email: string;
  /** False keeps the entry out of register searches (until the email address is confirmed). */
  listed?: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class PractitionersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly practitioners: PractitionersRepository,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
    private readonly register: RegisterReadModel,
    private readonly outbox: OutboxService,
  ) {}

  async createProfile(manager: EntityManager, input: NewProfile): Promise<Practitioner> {
    assertPlausibleBirthDate(input.dateOfBirth);
    let registerNumber = generateRegisterNumber();
    while (await this.practitioners.registerNumberExists(manager, registerNumber)) {
      registerNumber = generateRegisterNumber();
    }
    const practitioner = await manager.save(
      manager.create(Practitioner, {
        registerNumber,
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        dateOfBirth: input.dateOfBirth,
        email: input.email.trim().toLowerCase(),
        ...(input.listed === false ? { visibility: { ...DEFAULT_VISIBILITY, listed: false } } : {}),
      }),
    );
    await manager.insert(PractitionerName, {
      practitionerId: practitioner.id,
      givenName: practitioner.givenName,
      familyName: practitioner.familyName,
      validFrom: practitioner.createdAt,
      validTo: null,
      reason: 'Name when entered on the register',
    });
    await manager.save(
      manager.create(PractitionerStatusChange, {
        practitionerId: practitioner.id,
        fromStatus: null,
        toStatus: 'registered',
        reason: 'Entered on the register',
      }),
    );
    await this.audit.record(manager, {
      action: 'practitioner.registered',
      actorType: 'system',
      actorId: null,
      entityType: 'practitioner',
      entityId: practitioner.id,
    });
    await this.register.refresh(manager, [practitioner.id]);
    return practitioner;
  }

  async getById(id: string): Promise<Practitioner> {
    const practitioner = await this.practitioners.findById(id);
    if (!practitioner) throw new PractitionerNotFoundError();
    return practitioner;
  }

  async getByRegisterNumber(registerNumber: string): Promise<Practitioner> {
    const practitioner = await this.practitioners.findByRegisterNumber(registerNumber);
    if (!practitioner) throw new PractitionerNotFoundError();
    return practitioner;
  }

  findIdByRegistration(body: string, number: string): Promise<string | null> {
    return this.practitioners.findIdByRegistration(body, number);
  }

  /** Register number → practitioner id, for the numbers that exist (bulk issuing resolves a batch at once). */
  idsByRegisterNumbers(numbers: string[]): Promise<Map<string, string>> {
    return this.practitioners.idsByRegisterNumbers(numbers);
  }

  async registerNumbersByIds(ids: string[]): Promise<Map<string, string>> {
    return this.practitioners.registerNumbersByIds(ids);
  }

  statusHistory(practitionerId: string): Promise<PractitionerStatusChange[]> {
    return this.practitioners.statusHistory(practitionerId);
  }

  async updateOwn(
    practitionerId: string,
    input: UpdatePractitionerDto,
    by: Principal,
  ): Promise<Practitioner> {
    await this.validateUpdate(input);
    await this.dataSource.transaction(async (m) => {
      const practitioner = await m.findOneBy(Practitioner, { id: practitionerId });
      if (!practitioner) throw new PractitionerNotFoundError();
      if (input.formerNames !== undefined)
        practitioner.formerNames = input.formerNames.map((n) => n.trim()).filter(Boolean);
      const renamed = await changeName(m, practitioner, input, input.formerNames === undefined);
      if (input.dateOfBirth !== undefined) practitioner.dateOfBirth = input.dateOfBirth;
      if (input.visibility !== undefined)
        practitioner.visibility = { ...practitioner.visibility, ...input.visibility };
      await m.save(practitioner);
      if (input.registrations !== undefined)
        await this.replaceRegistrations(m, practitionerId, input.registrations);
      if (input.appointments !== undefined) {
        await m.delete(RoleAppointment, { practitionerId });
        await m.save(
          input.appointments.map((a) =>
            m.create(RoleAppointment, { ...a, endDate: a.endDate ?? null, practitionerId }),
          ),
        );
      }
      await this.audit.record(m, {
        action: 'practitioner.updated',
        ...actorOf(by),
        entityType: 'practitioner',
        entityId: practitionerId,
        data: { fields: Object.keys(input) },
      });
      if (renamed) {
        // The change feed's followers must learn a public name changed (no names in the outbox).
        await this.outbox.add(m, {
          type: 'practitioner.name-changed',
          practitionerId,
          subjectType: 'practitioner',
          subjectId: practitionerId,
        });
      }
      await this.register.refresh(m, [practitionerId]);
    });
    return this.getById(practitionerId);
  }

  /** Lists the entry in register searches, inside the caller's transaction (email confirmed). */
  async list(m: EntityManager, practitionerId: string): Promise<void> {
    const practitioner = await m.findOneBy(Practitioner, { id: practitionerId });
    if (!practitioner || practitioner.visibility.listed) return;
    practitioner.visibility = { ...practitioner.visibility, listed: true };
    await m.save(practitioner);
    await this.register.refresh(m, [practitionerId]);
  }

  async changeStatus(
    registerNumber: string,
    input: ChangeRegisterStatusDto,
    by: Principal,
  ): Promise<Practitioner> {
    if (input.status === 'registered-with-conditions' && !input.conditions?.trim()) {
      throw new ValidationError(
        'PRACTITIONER.CONDITIONS_REQUIRED',
        'Registration with conditions needs the conditions.',
        [{ field: 'conditions', message: 'required for registered-with-conditions' }],
      );
    }
    const practitioner = await this.getByRegisterNumber(registerNumber);
    await this.dataSource.transaction(async (m) => {
      const locked = await m.findOne(Practitioner, {
        where: { id: practitioner.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked) throw new PractitionerNotFoundError();
      if (
        locked.registerStatus === input.status &&
        (locked.conditions ?? null) === (input.conditions ?? null)
      ) {
        throw new SameStatusError(input.status);
      }
      await m.save(
        m.create(PractitionerStatusChange, {
          practitionerId: locked.id,
          fromStatus: locked.registerStatus,
          toStatus: input.status,
          reason: input.reason,
          conditions: input.conditions ?? null,
          changedBy: by.id,
        }),
      );
      await m.update(
        Practitioner,
        { id: locked.id },
        {
          registerStatus: input.status,
          statusReason: input.reason,
          conditions: input.conditions ?? null,
        },
      );
      await this.audit.record(m, {
        action: 'practitioner.status-changed',
        ...actorOf(by),
        entityType: 'practitioner',
        entityId: locked.id,
        data: { from: locked.registerStatus, to: input.status },
      });
      // Public facts (the register's change feed and watch-lists read the outbox).
      await this.outbox.add(m, {
        type: 'practitioner.status-changed',
        practitionerId: locked.id,
        subjectType: 'practitioner',
        subjectId: locked.id,
        data: { from: locked.registerStatus, to: input.status },
      });
      await this.register.refresh(m, [locked.id]);
    });
    return this.getById(practitioner.id);
  }

  private async validateUpdate(input: UpdatePractitionerDto): Promise<void> {
    const errors: FieldError[] = [];
    if (input.dateOfBirth) {
      try {
        assertPlausibleBirthDate(input.dateOfBirth);
      } catch {
        errors.push({ field: 'dateOfBirth', message: 'must be a date in the past' });
      }
    }
    input.registrations?.forEach((r, i) => {
      const result = validateRegistrationNumber(r.body, r.number);
      if (result.ok) r.number = result.value;
      else errors.push({ field: `registrations.${i}.number`, message: result.message });
    });
    const codes = new Set((await this.roles.list()).map((r) => r.code));
    input.appointments?.forEach((a, i) => {
      if (!codes.has(a.roleCode))
        errors.push({ field: `appointments.${i}.roleCode`, message: `unknown role ${a.roleCode}` });
      if (a.endDate && a.endDate < a.startDate) {
        errors.push({
          field: `appointments.${i}.endDate`,
          message: 'must not be before startDate',
        });
      }
    });
    if (errors.length) {
      throw new ValidationError(
        'REQUEST.VALIDATION_FAILED',
        `The profile has ${errors.length} invalid field(s).`,
        errors,
      );
    }
  }

  private async replaceRegistrations(
    m: EntityManager,
    practitionerId: string,
    registrations: { body: string; number: string; current?: boolean }[],
  ): Promise<void> {
    for (const r of registrations) {
      const taken = await m.existsBy(ProfessionalRegistration, {
        body: r.body as never,
        number: r.number,
        practitionerId: Not(practitionerId),
      });
      if (taken) throw new RegistrationTakenError(r.body);
    }
    await m.delete(ProfessionalRegistration, { practitionerId });
    await m.save(
      registrations.map((r) =>
        m.create(ProfessionalRegistration, {
          body: r.body as never,
          number: r.number,
          current: r.current ?? true,
          practitionerId,
        }),
      ),
    );
  }
}

function assertPlausibleBirthDate(date: string): void {
  if (date >= today() || date < '1900-01-01') {
    throw new ValidationError(
      'PRACTITIONER.DATE_OF_BIRTH_INVALID',
      'dateOfBirth must be a real date in the past.',
      [{ field: 'dateOfBirth', message: 'must be a date in the past' }],
    );
  }
}
