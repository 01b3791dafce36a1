import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class RegisterChangesQueryDto {
  @ApiPropertyOptional({
    description: 'The `next` of a previous page; omit to start at the beginning',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class RegisterChangeDto {
  @ApiProperty({
    description: 'Opaque position of this change: pass it as `since` to read after it',
  })
  cursor: string;
  @ApiProperty({
    enum: ['credential.issued', 'credential.status-changed', 'practitioner.status-changed'],
  })
  type: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'DL12345671' }) registerNumber: string;
  @ApiProperty({ description: 'The entry as it reads now', example: '/api/v1/register/DL12345671' })
  entryUrl: string;
  @ApiProperty({
    description:
      'Public facts only: credential kind and provenance, or the status moved from and to (no reasons)',
    example: { from: 'active', to: 'revoked' },
  })
  data: Record<string, string | null>;
}

export class RegisterChangesPageDto {
  @ApiProperty({ type: [RegisterChangeDto] }) items: RegisterChangeDto[];
  @ApiProperty({
    description: 'Pass as `since` for the next page (the same value when nothing is new)',
  })
  next: string;
}
