import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldErrorDto } from '../../../common/openapi/api-problems.decorator.js';

export class BulkRowDto {
  @ApiProperty({ description: '1-based data row number (CSV: not counting the header)' })
  row: number;
  @ApiProperty({
    enum: ['issued', 'already-issued', 'refused', 'server-error'],
    description:
      'server-error: a server fault stopped the upload here; this row and the rest were not issued',
  })
  outcome: string;
  @ApiPropertyOptional() issuerReference?: string;
  @ApiPropertyOptional() credentialId?: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'server-error only: what happened and what to do' })
  detail?: string;
  @ApiPropertyOptional({ description: 'server-error only: the first row not issued' })
  resumeFromRow?: number;
}

export class BulkSummaryDto {
  @ApiProperty() rows: number;
  @ApiProperty() issued: number;
  @ApiProperty() alreadyIssued: number;
  @ApiProperty() refused: number;
  @ApiPropertyOptional({
    description:
      'Set when the upload stopped part-way: the file itself broke, or a server error stopped it ' +
      '(then resumeFromRow is set too). Rows reported before it stand.',
  })
  error?: string;
  @ApiPropertyOptional({
    description: 'Set when a server error stopped the upload: the first row not issued',
  })
  resumeFromRow?: number;
}

/** One JSON document whose last member is the summary: a report without it was cut short. */
export class BulkReportDto {
  @ApiProperty({ type: [BulkRowDto] }) rows: BulkRowDto[];
  @ApiProperty({ type: BulkSummaryDto }) summary: BulkSummaryDto;
}
