import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { requireRegisterNumber } from '../practitioners/register-number.parse.js';
import { Dispute } from './dispute.entity.js';
import type { DisputeDto, RaiseDisputeDto, ResolveDisputeDto } from './dispute.dto.js';
import { DisputeDto as Dto } from './dispute.dto.js';

const notFound = () => new NotFoundError('DISPUTE.NOT_FOUND', 'No dispute with that id.');

@Injectable()
export class DisputesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly practitioners: PractitionersService,
    private readonly audit: AuditService,
  ) {}

  async raise(input: RaiseDisputeDto, by: Principal): Promise<DisputeDto> {
    const registerNumber = requireRegisterNumber(input.registerNumber);
    const practitioner = await this.practitioners.getByRegisterNumber(registerNumber);
    const dispute = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(
        m.create(Dispute, {
          practitionerId: practitioner.id,
          raisedBy: by.id,
          raisedByRole: by.role,
          about: input.about.trim(),
          details: input.details.trim(),
          status: 'open',
        }),
      );
      await this.audit.record(m, {
        action: 'dispute.raised',
        ...actorOf(by),
        entityType: 'dispute',
        entityId: saved.id,
        data: { registerNumber, about: saved.about },
      });
      return saved;
    });
    return Dto.from(dispute, registerNumber);
  }

  /** The registrar sees every dispute; anyone else only those they raised. Newest first. */
  async list(by: Principal, status?: string): Promise<DisputeDto[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(Dispute, 'd')
      .orderBy('d.created_at', 'DESC')
      .limit(500);
    if (status) query.andWhere('d.status = :status', { status });
    if (by.role !== 'registrar') query.andWhere('d.raised_by = :me', { me: by.id });
    return this.withNumbers(await query.getMany());
  }

  async get(id: string, by: Principal): Promise<DisputeDto> {
    const dispute = await this.dataSource.manager.findOneBy(Dispute, { id });
    if (!dispute || (by.role !== 'registrar' && dispute.raisedBy !== by.id)) throw notFound();
    const [dto] = await this.withNumbers([dispute]);
    if (!dto) throw notFound();
    return dto;
  }

  async resolve(id: string, input: ResolveDisputeDto, by: Principal): Promise<DisputeDto> {
    const dispute = await this.dataSource.transaction(async (m) => {
      const found = await m.findOne(Dispute, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) throw notFound();
      if (found.status !== 'open')
        throw new ConflictError(
          'DISPUTE.ALREADY_RESOLVED',
          `The dispute was already ${found.status}.`,
        );
      found.status = input.outcome;
      found.resolution = input.reason.trim();
      found.resolvedBy = by.id;
      found.resolvedAt = new Date();
      await m.save(found);
      await this.audit.record(m, {
        action: 'dispute.resolved',
        ...actorOf(by),
        entityType: 'dispute',
        entityId: id,
        data: { outcome: input.outcome, reason: found.resolution },
      });
      return found;
    });
    const [dto] = await this.withNumbers([dispute]);
    if (!dto) throw notFound();
    return dto;
  }

  private async withNumbers(disputes: Dispute[]): Promise<DisputeDto[]> {
    const numbers = await this.practitioners.registerNumbersByIds([
      ...new Set(disputes.map((d) => d.practitionerId)),
    ]);
    return disputes.map((d) => Dto.from(d, numbers.get(d.practitionerId) ?? ''));
  }
}
