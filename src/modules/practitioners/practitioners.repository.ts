import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { Practitioner } from './practitioner.entity.js';
import { PractitionerStatusChange } from './practitioner-status-change.entity.js';
import { ProfessionalRegistration } from './professional-registration.entity.js';

const WITH_DETAILS = { registrations: true, appointments: true } as const;

@Injectable()
export class PractitionersRepository {
  constructor(
    @InjectRepository(Practitioner) private readonly practitioners: Repository<Practitioner>,
  ) {}

  findById(id: string, manager?: EntityManager): Promise<Practitioner | null> {
    const repo = manager?.getRepository(Practitioner) ?? this.practitioners;
    return repo.findOne({ where: { id }, relations: WITH_DETAILS });
  }

  findByRegisterNumber(registerNumber: string): Promise<Practitioner | null> {
    return this.practitioners.findOne({ where: { registerNumber }, relations: WITH_DETAILS });
  }

  async findIdByRegistration(body: string, number: string): Promise<string | null> {
    const row = await this.practitioners.manager.findOneBy(ProfessionalRegistration, {
      body: body as never,
      number,
    });
    return row?.practitionerId ?? null;
  }

  async idsByRegisterNumbers(numbers: string[]): Promise<Map<string, string>> {
    if (numbers.length === 0) return new Map();
    // One array parameter: bulk issuing asks for a batch's worth of numbers at a time.
    const rows = await this.practitioners.query<{ id: string; registerNumber: string }[]>(
      `SELECT id, register_number AS "registerNumber" FROM practitioners
        WHERE register_number = ANY($1::varchar[])`,
      [numbers],
    );
    return new Map(rows.map((r) => [r.registerNumber, r.id]));
  }

  async registerNumbersByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.practitioners.find({
      select: { id: true, registerNumber: true },
      where: { id: In(ids) },
    });
    return new Map(rows.map((r) => [r.id, r.registerNumber]));
  }

  registerNumberExists(manager: EntityManager, registerNumber: string): Promise<boolean> {
    return manager.existsBy(Practitioner, { registerNumber });
  }

  /** Status history, oldest first. */
  statusHistory(practitionerId: string): Promise<PractitionerStatusChange[]> {
    return this.practitioners.manager.find(PractitionerStatusChange, {
      where: { practitionerId },
      order: { changedAt: 'ASC' },
    });
  }
}
