import { Injectable } from '@nestjs/common';
import type { CheckPageDto } from './dto/share-code.dto.js';
import { VerificationRepository } from './verification.repository.js';

/** "Who checked me": claim checks, share-code uses and employer lookups, newest first. */
@Injectable()
export class PractitionerChecksService {
  constructor(private readonly repository: VerificationRepository) {}

  async list(practitionerId: string, page: number, pageSize: number): Promise<CheckPageDto> {
    const { items, total } = await this.repository.checksOf(
      practitionerId,
      pageSize,
      (page - 1) * pageSize,
    );
    return {
      items: items.map((c) => ({
        type: c.type,
        at: c.at.toISOString(),
        organisation: c.organisationName,
        reference: c.reference,
        outcome: c.outcome,
        purpose: c.purpose,
      })),
      total,
      page,
      pageSize,
    };
  }
}
