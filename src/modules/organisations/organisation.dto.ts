import { ApiProperty } from '@nestjs/swagger';
import type { Organisation } from './organisation.entity.js';

export class OrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() verified: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) verifiedAt: string | null;

  static from(o: Organisation): OrganisationDto {
    return {
      id: o.id,
      name: o.name,
      verified: o.verifiedAt !== null,
      verifiedAt: o.verifiedAt?.toISOString() ?? null,
    };
  }
}
