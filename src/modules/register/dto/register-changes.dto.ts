import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageSizeQueryDto } from '../../../common/dto/page-query.dto.js';

export class RegisterChangesQueryDto extends PageSizeQueryDto {
  @ApiPropertyOptional({
    description: 'The `next` of a previous page; omit to start at the beginning',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  declare pageSize?: number;
}

export class RegisterChangeDto {
  @ApiProperty({
    description: 'Opaque position of this change: pass it as `since` to read after it',
  })
  cursor: string;
  @ApiProperty({
    enum: [
      'credential.issued',
      'credential.status-changed',
      'practitioner.status-changed',
      'practitioner.name-changed',
    ],
  })
  type: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'DL12345671' }) registerNumber: string;
  @ApiProperty({ description: 'The entry as it reads now', example: '/api/v1/register/DL12345671' })
  entryUrl: string;
  @ApiProperty({
    description:
      'Public facts only: credential kind and provenance, the status moved from and to (no reasons), or for a name change the name the entry shows now (givenName, familyName)',
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
