import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsUUID,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  REGISTRATION_BODIES,
  type RegistrationBody,
} from '../../practitioners/professional-registration.js';
import type { CredentialKind } from '../../roles/role-standing.js';
import { CREDENTIAL_KINDS } from '../credential.entity.js';

export class HolderRegistrationDto {
  @ApiProperty({ enum: REGISTRATION_BODIES })
  @IsIn(REGISTRATION_BODIES)
  body: RegistrationBody;

  @ApiProperty({ example: '7012345' })
  @IsString()
  @MaxLength(20)
  number: string;
}

/** What an issuer says about one award. The holder is named by register number or a professional registration. */
export class IssueCredentialDto {
  @ApiPropertyOptional({ example: 'DL12345671', description: 'The holder; or give `registration`' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  registerNumber?: string;

  @ApiPropertyOptional({
    type: HolderRegistrationDto,
    description: 'The holder by GMC/NMC/HCPC/GPhC number',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => HolderRegistrationDto)
  registration?: HolderRegistrationDto;

  @ApiProperty({ enum: CREDENTIAL_KINDS })
  @IsIn(CREDENTIAL_KINDS)
  kind: CredentialKind;

  @ApiProperty({ example: 'MSc Health Informatics' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'Health Informatics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 8,
    description: 'RQF/FHEQ level: bachelor 6, master 7, doctorate 8',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  level?: number;

  @ApiPropertyOptional({ example: 'Distinction' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  result?: string;

  @ApiPropertyOptional({ example: 12.5, description: 'CPD records: hours' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0.5)
  @Max(1000)
  cpdHours?: number;

  @ApiProperty({ example: '2023-07-14' })
  @IsDateString({ strict: true })
  awardedOn: string;

  @ApiPropertyOptional({ example: '2026-07-14' })
  @IsOptional()
  @IsDateString({ strict: true })
  validUntil?: string;

  @ApiPropertyOptional({
    example: 'NSU-2023-000123',
    description: "The issuer's own reference; makes resending safe",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  issuerReference?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "One of this body's programmes: the credential carries its competence mapping",
  })
  @IsOptional()
  @IsUUID()
  programmeId?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Award withdrawn after an academic misconduct finding' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class RenewDto {
  @ApiProperty({ example: '2029-07-14' })
  @IsDateString({ strict: true })
  validUntil: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
