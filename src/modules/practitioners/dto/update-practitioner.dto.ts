import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REGISTRATION_BODIES, type RegistrationBody } from '../professional-registration.js';

export class RegistrationInputDto {
  @ApiProperty({ enum: REGISTRATION_BODIES })
  @IsIn(REGISTRATION_BODIES)
  body: RegistrationBody;

  @ApiProperty({
    example: '7012345',
    description: 'GMC 7 digits; NMC 01A2345N; HCPC PH123456; GPhC 2xxxxxx',
  })
  @IsString()
  @MaxLength(20)
  number: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  current?: boolean;
}

export class AppointmentInputDto {
  @ApiProperty({ example: 'CCIO' })
  @IsString()
  @MaxLength(20)
  roleCode: string;

  @ApiProperty({ example: 'Northshire Hospitals NHS Foundation Trust' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organisation: string;

  @ApiProperty({ example: '2022-04-01' })
  @IsDateString({ strict: true })
  startDate: string;

  @ApiPropertyOptional({ type: String, example: '2024-03-31', nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  endDate?: string | null;
}

export class VisibilityInputDto {
  @ApiPropertyOptional({ description: 'Appear in register search results' })
  @IsOptional()
  @IsBoolean()
  listed?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() formerNames?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() appointments?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() professionalRegistrations?: boolean;
}

export class UpdatePractitionerDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) givenName?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName?: string;

  @ApiPropertyOptional({
    example: 'Marriage',
    description:
      'Why the name changes (kept in the name history); the old name becomes a former name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameChangeReason?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  formerNames?: string[];

  @ApiPropertyOptional({ example: '1975-04-12' })
  // Optional to send, but a date of birth cannot be removed: null is refused, not stored.
  @ValidateIf((_, value) => value !== undefined)
  @IsDateString({ strict: true })
  dateOfBirth?: string;

  @ApiPropertyOptional({ type: [RegistrationInputDto], description: 'Replaces the whole list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RegistrationInputDto)
  registrations?: RegistrationInputDto[];

  @ApiPropertyOptional({ type: [AppointmentInputDto], description: 'Replaces the whole list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AppointmentInputDto)
  appointments?: AppointmentInputDto[];

  @ApiPropertyOptional({ type: VisibilityInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VisibilityInputDto)
  visibility?: VisibilityInputDto;
}

const STATUSES = [
  'registered',
  'registered-with-conditions',
  'suspended',
  'lapsed',
  'removed',
] as const;

export class ChangeRegisterStatusDto {
  @ApiProperty({ enum: STATUSES })
  @IsIn(STATUSES)
  status: (typeof STATUSES)[number];

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ description: 'Required for registered-with-conditions' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  conditions?: string;
}
