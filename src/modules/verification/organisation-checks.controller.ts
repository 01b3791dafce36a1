import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';

class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}

class PastCheckDto {
  @ApiProperty() reference: string;
  @ApiProperty() registerNumber: string;
  @ApiProperty() outcome: string;
  @ApiProperty({ description: 'The qualification as asked' }) title: string;
  @ApiProperty() awardingBody: string;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
}

class PastCheckPageDto {
  @ApiProperty({ type: [PastCheckDto] }) items: PastCheckDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

interface Row {
  reference: string;
  register_number: string;
  outcome: string;
  title: string | null;
  awarding_body: string | null;
  checked_at: Date;
  total: string;
}

/** An employer's own past checks (receipts made while signed in to that organisation). */
@ApiTags('The public register and verification')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/organisations/me/checks`)
export class OrganisationChecksController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles('employer')
  @ApiOkResponse({ type: PastCheckPageDto })
  @ApiProblems(400, 401, 403)
  async list(
    @CurrentPrincipal() by: Principal,
    @Query() query: PageQueryDto,
  ): Promise<PastCheckPageDto> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT reference, register_number, outcome, document -> 'claim' ->> 'title' AS title,
              document -> 'claim' ->> 'awardingBody' AS awarding_body, checked_at,
              count(*) OVER () AS total
         FROM verification_receipts WHERE organisation_id = $1
        ORDER BY checked_at DESC LIMIT $2 OFFSET $3`,
      [by.organisationId, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return {
      items: rows.map((r) => ({
        reference: r.reference,
        registerNumber: r.register_number,
        outcome: r.outcome,
        title: r.title ?? '',
        awardingBody: r.awarding_body ?? '',
        checkedAt: r.checked_at.toISOString(),
      })),
      total: Number(rows[0]?.total ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
