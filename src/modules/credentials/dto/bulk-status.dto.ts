import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { FieldErrorDto } from '../../../common/openapi/api-problems.decorator.js';
import { BULK_STATUS_ACTIONS, type BulkStatusAction } from '../bulk-status-rules.js';

export class BulkStatusQueryDto {
  @ApiProperty({ enum: BULK_STATUS_ACTIONS })
  @IsIn(BULK_STATUS_ACTIONS)
  action: BulkStatusAction;

  @ApiProperty({ example: 'Programme withdrawn: accreditation lapsed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class BulkStatusRowDto {
  @ApiProperty({ description: '1-based data row number (CSV: not counting the header)' })
  row: number;
  @ApiProperty({ enum: ['revoked', 'suspended', 'reinstated', 'unchanged', 'refused'] })
  outcome: string;
  @ApiPropertyOptional() credentialId?: string;
  @ApiPropertyOptional() issuerReference?: string;
  @ApiPropertyOptional({ description: 'Changed by an earlier send with the same Idempotency-Key' })
  replayed?: boolean;
  @ApiPropertyOptional({ example: 'CREDENTIAL.ALREADY_REVOKED' }) code?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

export class BulkStatusSummaryDto {
  @ApiProperty({ enum: BULK_STATUS_ACTIONS }) action: string;
  @ApiProperty() rows: number;
  @ApiProperty({ description: 'Changed by this send' }) changed: number;
  @ApiProperty({ description: 'Changed by an earlier send with the same key' }) replayed: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() refused: number;
  @ApiPropertyOptional({ description: 'Set when the file broke part-way (rows before it stand)' })
  error?: string;
}

export class BulkStatusSummaryLineDto {
  @ApiProperty({ type: BulkStatusSummaryDto }) summary: BulkStatusSummaryDto;
}
