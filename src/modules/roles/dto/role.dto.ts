import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CredentialKind } from '../role-standing.js';
import type { Role } from '../role.entity.js';

const KINDS: CredentialKind[] = ['degree', 'certificate', 'registration', 'cpd'];

export class CredentialRequirementDto {
  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind: CredentialKind;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 8,
    description: 'RQF/FHEQ level: bachelor 6, master 7, doctorate 8',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  minLevel?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string;
}

export class RoleRequirementsDto {
  @ApiProperty({ type: [CredentialRequirementDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CredentialRequirementDto)
  credentials: CredentialRequirementDto[];

  @ApiProperty({
    description: 'A current professional registration (GMC, NMC, HCPC, GPhC) is required',
  })
  @IsBoolean()
  professionalRegistration: boolean;

  @ApiProperty({ minimum: 0, maximum: 500 })
  @IsInt()
  @Min(0)
  @Max(500)
  cpdHoursPerYear: number;

  @ApiProperty({
    minimum: 0,
    maximum: 1095,
    description: 'Days after appointment during which partly met requirements count as provisional',
  })
  @IsInt()
  @Min(0)
  @Max(1095)
  graceDays: number;
}

export class CreateRoleDto {
  @ApiProperty({ example: 'CCIO', pattern: '^[A-Z][A-Z0-9]{1,19}$' })
  @Matches(/^[A-Z][A-Z0-9]{1,19}$/, {
    message: 'code must be 2-20 capital letters or digits, e.g. CCIO',
  })
  code: string;

  @ApiProperty({ example: 'Chief Clinical Information Officer' })
  @IsString()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty()
  @IsBoolean()
  clinical: boolean;

  @ApiProperty({ type: RoleRequirementsDto })
  @ValidateNested()
  @Type(() => RoleRequirementsDto)
  requirements: RoleRequirementsDto;
}

export class UpdateRoleDto extends PartialType(OmitType(CreateRoleDto, ['code'] as const)) {}

export class RoleDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() clinical: boolean;
  @ApiProperty({ type: RoleRequirementsDto }) requirements: RoleRequirementsDto;

  static from(r: Role): RoleDto {
    return {
      code: r.code,
      title: r.title,
      description: r.description,
      clinical: r.clinical,
      requirements: r.requirements,
    };
  }
}
