import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DISPUTE_OUTCOMES, type Dispute } from './dispute.entity.js';

export class RaiseDisputeDto {
  @ApiProperty({ example: 'DL12345671', description: 'The practitioner whose record it is about' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  registerNumber: string;

  @ApiProperty({ example: 'MSc Health Informatics shown as revoked' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  about: string;

  @ApiProperty({ example: 'The university confirmed in writing that the award stands.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  details: string;
}

export class ResolveDisputeDto {
  @ApiProperty({ enum: DISPUTE_OUTCOMES })
  @IsIn(DISPUTE_OUTCOMES)
  outcome: (typeof DISPUTE_OUTCOMES)[number];

  @ApiProperty({ example: 'The awarding body confirmed the record is wrong; it was corrected.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class DisputeQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'upheld', 'dismissed'] })
  @IsOptional()
  @IsIn(['open', 'upheld', 'dismissed'])
  status?: string;
}

export class DisputeDto {
  @ApiProperty() id: string;
  @ApiProperty() registerNumber: string;
  @ApiProperty({ enum: ['practitioner', 'employer'] }) raisedByRole: string;
  @ApiProperty() about: string;
  @ApiProperty() details: string;
  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resolution: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  resolvedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(d: Dispute, registerNumber: string): DisputeDto {
    return {
      id: d.id,
      registerNumber,
      raisedByRole: d.raisedByRole,
      about: d.about,
      details: d.details,
      status: d.status,
      resolution: d.resolution,
      resolvedAt: d.resolvedAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    };
  }
}
