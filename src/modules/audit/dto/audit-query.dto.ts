import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class AuditEntriesQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from?: number;

  @ApiPropertyOptional({ description: 'Inclusive; at most from + 999' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to?: number;
}

export class InclusionQueryDto {
  @ApiProperty({ minimum: 0, description: 'Leaf index (seq − 1)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  index: number;

  @ApiProperty({ minimum: 1, description: 'Tree size, at most the latest checkpoint size' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  size: number;
}

export class ConsistencyQueryDto {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}
