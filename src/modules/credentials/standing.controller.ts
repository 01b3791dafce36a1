import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsDateString, IsOptional } from 'class-validator';
import { CurrentPrincipal, Roles } from '../../common/decorators/auth.decorators.js';
import { ValidationError } from '../../common/errors/app-error.js';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RouteOutcomeDto } from '../roles/dto/standard.dto.js';
import { today } from './credentials.service.js';
import { StandingService } from './standing.service.js';

class StandingQueryDto {
  @ApiPropertyOptional({ example: '2025-04-01', description: 'Default today' })
  @IsOptional()
  @IsDateString({ strict: true })
  on?: string;
}

class StandingReasonDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

class RoleStandingDto {
  @ApiProperty() roleCode: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty({ description: 'Holds an appointment to this role on that date' })
  appointed: boolean;
  @ApiProperty({ enum: ['certified', 'provisional', 'lapsed', 'suspended', 'not-certified'] })
  standing: string;
  @ApiProperty({ type: [StandingReasonDto] }) reasons: StandingReasonDto[];
  @ApiProperty() requirementsMet: number;
  @ApiProperty() requirementsTotal: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Standard version decided under',
  })
  standardVersion: number | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['qualification', 'assessed-portfolio', 'clinical-registration'],
  })
  route: string | null;
  @ApiProperty({ description: 'Certified under an earlier version, kept until renewal' })
  grandfathered: boolean;
  @ApiProperty({ type: [RouteOutcomeDto], description: 'Each route: met, or what is missing' })
  routes: RouteOutcomeDto[];
}

class StandingsDto {
  @ApiProperty() on: string;
  @ApiProperty({ type: [RoleStandingDto] }) roles: RoleStandingDto[];
}

@ApiTags('Practitioners and roles')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/practitioners/me/standing`)
export class StandingController {
  constructor(private readonly standing: StandingService) {}

  @Get()
  @Roles('practitioner')
  @ApiOkResponse({ type: StandingsDto, description: 'Standing for every role, with the reasons' })
  @ApiProblems(400, 401, 403)
  async mine(
    @CurrentPrincipal() by: Principal,
    @Query() query: StandingQueryDto,
  ): Promise<StandingsDto> {
    const on = query.on ?? today();
    if (on > today()) {
      throw new ValidationError(
        'STANDING.FUTURE_DATE',
        'Standing can be shown for today or a past date.',
        [{ field: 'on', message: 'must not be in the future' }],
      );
    }
    const standings = await this.standing.standingsFor(by.practitionerId ?? '', on);
    return {
      on,
      roles: standings.map(({ role, appointed, result }) => ({
        roleCode: role.code,
        roleTitle: role.title,
        appointed,
        standing: result.standing,
        reasons: result.reasons,
        requirementsMet: result.requirementsMet,
        requirementsTotal: result.requirementsTotal,
        standardVersion: result.standardVersion ?? null,
        route: result.route ?? null,
        grandfathered: result.grandfathered ?? false,
        routes: result.routes ?? [],
      })),
    };
  }
}
