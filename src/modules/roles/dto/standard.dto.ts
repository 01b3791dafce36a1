import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMPETENCE_LEVELS } from '../route-standing.js';
import { CompetenceRequirementDto } from './competence-requirement.dto.js';
import { CredentialRequirementDto } from './role.dto.js';

export class StandardQueryDto {
  @ApiPropertyOptional({ example: '2025-04-01', description: 'Default today' })
  @IsOptional()
  @IsDateString({ strict: true })
  on?: string;
}

export class CompetenceDto {
  @ApiProperty({ example: 'strategic-thinking' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() framework: string;
  @ApiProperty() frameworkVersion: string;
  @ApiProperty() sourceUrl: string;
  @ApiProperty() licence: string;
}

export class StandardCompetenceDto {
  @ApiProperty({ example: 'strategic-thinking' }) competence: string;
  @ApiProperty({ example: 'Strategic thinking' }) name: string;
  @ApiProperty({ enum: COMPETENCE_LEVELS }) level: string;
  @ApiProperty({ description: 'What the level means' }) levelDescription: string;
}

export class StandardRouteDto {
  @ApiProperty({ enum: ['qualification', 'assessed-portfolio', 'clinical-registration'] })
  route: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'What the route asks for, in plain words' }) description: string;
  @ApiProperty({ type: [StandardCompetenceDto], description: 'What must be evidenced on it' })
  competences: StandardCompetenceDto[];
  @ApiProperty({ type: [CredentialRequirementDto], description: 'Qualifications accepted whole' })
  qualifications: CredentialRequirementDto[];
  @ApiProperty() professionalRegistration: boolean;
}

export class StandardVersionSummaryDto {
  @ApiProperty() version: number;
  @ApiProperty({ example: '2026-04-01' }) effectiveFrom: string;
  @ApiProperty() note: string;
}

export class RoleStandardDto {
  @ApiProperty({ example: 'CIO' }) role: string;
  @ApiProperty() title: string;
  @ApiProperty() clinical: boolean;
  @ApiProperty({ example: '2025-04-01', description: 'The date asked about' }) on: string;
  @ApiProperty() version: number;
  @ApiProperty({ example: '2000-01-01' }) effectiveFrom: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'When the next version starts',
  })
  supersededFrom: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ type: [StandardCompetenceDto] }) competences: StandardCompetenceDto[];
  @ApiProperty({ type: [StandardRouteDto], description: 'Any one route certifies' })
  routes: StandardRouteDto[];
  @ApiProperty() cpdHoursPerYear: number;
  @ApiProperty() graceDays: number;
  @ApiProperty({ type: [StandardVersionSummaryDto] }) versions: StandardVersionSummaryDto[];
  @ApiProperty({ description: 'Where the competence vocabulary comes from, and its licence' })
  attribution: string;
}

export class CreateStandardVersionDto {
  @ApiProperty({
    example: '2027-04-01',
    description: 'Today or later; later than the last version',
  })
  @IsDateString({ strict: true })
  effectiveFrom: string;

  @ApiProperty({ type: [CompetenceRequirementDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => CompetenceRequirementDto)
  competences: CompetenceRequirementDto[];

  @ApiPropertyOptional({ type: [CredentialRequirementDto], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CredentialRequirementDto)
  qualifications?: CredentialRequirementDto[];

  @ApiPropertyOptional({
    type: [CompetenceRequirementDto],
    description: 'Clinical roles: what a shorter programme must evidence beside a registration',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => CompetenceRequirementDto)
  clinicalRouteCompetences?: CompetenceRequirementDto[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  professionalRegistration?: boolean;

  @ApiProperty({ minimum: 0, maximum: 500 })
  @IsInt()
  @Min(0)
  @Max(500)
  cpdHoursPerYear: number;

  @ApiProperty({ minimum: 0, maximum: 1095 })
  @IsInt()
  @Min(0)
  @Max(1095)
  graceDays: number;

  @ApiProperty({ description: 'Why it changed' })
  @IsString()
  @MaxLength(2000)
  note: string;
}

export class RouteOutcomeDto {
  @ApiProperty({ enum: ['qualification', 'assessed-portfolio', 'clinical-registration'] })
  route: string;
  @ApiProperty() met: boolean;
  @ApiProperty({ type: [String], description: 'What is missing, in plain words' })
  missing: string[];
}
