import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** One body for both kinds of self-registration; `accountType` says which fields apply. */
export class RegisterDto {
  @ApiPropertyOptional({ enum: ['practitioner', 'employer'], default: 'practitioner' })
  @IsOptional()
  @IsIn(['practitioner', 'employer'])
  accountType?: 'practitioner' | 'employer';

  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ description: 'Practitioner accounts' })
  @ValidateIf((o: RegisterDto) => o.accountType !== 'employer')
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName?: string;

  @ApiPropertyOptional({ description: 'Practitioner accounts' })
  @ValidateIf((o: RegisterDto) => o.accountType !== 'employer')
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName?: string;

  @ApiPropertyOptional({
    description: 'Practitioner accounts; never shown publicly',
    example: '1975-04-12',
  })
  @ValidateIf((o: RegisterDto) => o.accountType !== 'employer')
  @IsDateString({ strict: true })
  dateOfBirth?: string;

  @ApiPropertyOptional({
    description:
      'Practitioner accounts: keep the entry out of register searches until the owner follows the ' +
      'link in the confirmation email (the sign-up page sets this). A confirmation email is sent either way.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  listAfterEmailConfirmed?: boolean;

  @ApiPropertyOptional({ description: 'Employer accounts' })
  @ValidateIf((o: RegisterDto) => o.accountType === 'employer')
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organisationName?: string;
}
