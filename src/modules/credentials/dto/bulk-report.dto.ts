import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldErrorDto } from '../../../common/openapi/api-problems.decorator.js';

export class BulkRowDto {
  @ApiProperty({ description: '1-based data row number (CSV: not counting the header)' })
  row: number;
  @ApiProperty({ enum: ['issued', 'already-issued', 'refused'] }) outcome: string;
  @ApiPropertyOptional() issuerReference?: string;
  @ApiPropertyOptional() credentialId?: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

export class BulkSummaryDto {
  @ApiProperty() rows: number;
  @ApiProperty() issued: number;
  @ApiProperty() alreadyIssued: number;
  @ApiProperty() refused: number;
  @ApiPropertyOptional({
    description: 'Set when the file itself broke part-way (rows before it stand)',
  })
  error?: string;
}

export class BulkReportDto {
  @ApiProperty({ type: [BulkRowDto] }) rows: BulkRowDto[];
  @ApiProperty({ type: BulkSummaryDto }) summary: BulkSummaryDto;
}
